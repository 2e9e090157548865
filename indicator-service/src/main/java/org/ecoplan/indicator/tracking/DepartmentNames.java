package org.ecoplan.indicator.tracking;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.DepartmentGroupState;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Chinese names of department and group codes, from the catalogue replica: every code a response shows comes
 * with its name. Read per request (two small reads): the replica is the only source, and a cache would miss the
 * changes another instance's consumer applies.
 */
@ApplicationScoped
public class DepartmentNames {

    private final CatalogueReplica replica;

    DepartmentNames(CatalogueReplica replica) {
        this.replica = replica;
    }

    /** A department or group code with its name; {@code group} for 各街乡镇 and the like. */
    @Schema(name = "NamedDepartment", description = "A department or group code with its Chinese name")
    public record Named(@Schema(example = "ENV") String code, @Schema(example = "区生态环境局") String name,
            @Schema(description = "A group such as 各街乡镇 (ALL-SUBDISTRICTS-TOWNS)") boolean group) {
    }

    /** The registry as it stands: departments and groups by code. */
    public Registry registry() {
        Map<String, Named> byCode = new HashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        for (DepartmentState department : replica.all(DepartmentState.class)) {
            byCode.put(department.code(), new Named(department.code(), department.name(), false));
        }
        for (DepartmentGroupState group : replica.all(DepartmentGroupState.class)) {
            byCode.put(group.code(), new Named(group.code(), group.name(), true));
            members.put(group.code(), group.memberCodes() == null ? List.of() : group.memberCodes());
        }
        return new Registry(byCode, members);
    }

    public record Registry(Map<String, Named> byCode, Map<String, List<String>> groupMembers) {

        /** The code with its name; a code the catalogue does not know keeps the code as its name. */
        public Named named(String code) {
            Named named = byCode.get(code);
            return named != null ? named : new Named(code, code, false);
        }

        public List<Named> named(List<String> codes) {
            return codes == null ? List.of() : codes.stream().map(this::named).toList();
        }
    }
}
