package org.ecoplan.plan.importing;

import java.util.List;

/**
 * A group of departments named in the document (各街乡镇, 有关部门, …): every district has the groups of
 * {@code catalogue/district-groups.tsv}, with members where its own {@code groups.tsv} names them.
 *
 * @param memberCodes department codes; empty for an open group whose members an administrator assigns later
 * @param district    the district whose departments the group gathers
 */
public record RegistryGroup(String code, String name, List<String> memberCodes, String district) {

    public RegistryGroup {
        memberCodes = List.copyOf(memberCodes);
    }

    public boolean isOpen() {
        return memberCodes.isEmpty();
    }
}
