package org.ecoplan.indicator.tracking;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ecoplan.catalogue.contract.Assignment;

/** Department codes of catalogue assignments, with groups (各街乡镇) expanded to their members. */
public final class Departments {

    private Departments() {
    }

    public static List<String> codes(List<Assignment> assignments) {
        Set<String> codes = new LinkedHashSet<>();
        if (assignments != null) {
            for (Assignment assignment : assignments) {
                codes.addAll(assignment.departmentCodes());
            }
        }
        return List.copyOf(codes);
    }

    /** The departments that lead a measure or are responsible for it (牵头/主责), groups expanded. */
    public static List<String> accountable(List<Assignment> assignments) {
        return codes(assignments == null ? List.of()
                : assignments.stream().filter(assignment -> !"ASSISTING".equals(assignment.role())).toList());
    }

    public static List<String> codes(List<Assignment> assignments, String role) {
        return codes(assignments == null ? List.of()
                : assignments.stream().filter(assignment -> role.equals(assignment.role())).toList());
    }
}
