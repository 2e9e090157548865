package org.ecoplan.plan.importing;

import java.util.List;

/**
 * A group of departments named in the document (各街乡镇, 有关部门, …) from catalogue/groups.tsv.
 *
 * @param memberCodes department codes; empty for an open group whose members an administrator assigns later
 */
public record RegistryGroup(String code, String name, List<String> memberCodes) {

    public RegistryGroup {
        memberCodes = List.copyOf(memberCodes);
    }

    public boolean isOpen() {
        return memberCodes.isEmpty();
    }
}
