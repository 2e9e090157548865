package org.ecoplan.catalogue.contract;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who a measure's assignments name, with groups (各街乡镇) expanded to their members — the reading every consumer of
 * the catalogue needs, in one place so that "who leads", "who is accountable" and "what is a department's role"
 * mean the same in every service.
 */
public final class Assignments {

    private Assignments() {
    }

    /** Every department named, in any role (an indicator's LEAD/COOPERATING and roles unknown here too). */
    public static List<String> departments(List<Assignment> assignments) {
        Set<String> codes = new LinkedHashSet<>();
        for (Assignment assignment : orEmpty(assignments)) {
            codes.addAll(assignment.departmentCodes());
        }
        return List.copyOf(codes);
    }

    /** The departments named in {@code role}. */
    public static List<String> departments(List<Assignment> assignments, AssignmentRole role) {
        return departments(assignments, role::equals);
    }

    /** The departments that answer for the measure's delivery (牵头/主责). */
    public static List<String> accountable(List<Assignment> assignments) {
        return departments(assignments, AssignmentRole::accountable);
    }

    /**
     * The department's strongest role on the measure (a lead department is usually also named 主责), directly or as
     * a member of a group; empty if it has none (or only roles this version does not know).
     */
    public static Optional<AssignmentRole> strongestRole(List<Assignment> assignments, String departmentCode) {
        AssignmentRole strongest = null;
        for (Assignment assignment : orEmpty(assignments)) {
            if (assignment.names(departmentCode)) {
                AssignmentRole role = AssignmentRole.of(assignment.role()).orElse(null);
                if (role != null && (strongest == null || role.ordinal() < strongest.ordinal())) {
                    strongest = role;
                }
            }
        }
        return Optional.ofNullable(strongest);
    }

    private static List<String> departments(List<Assignment> assignments, Predicate<AssignmentRole> wanted) {
        Set<String> codes = new LinkedHashSet<>();
        for (Assignment assignment : orEmpty(assignments)) {
            if (AssignmentRole.of(assignment.role()).filter(wanted).isPresent()) {
                codes.addAll(assignment.departmentCodes());
            }
        }
        return List.copyOf(codes);
    }

    private static List<Assignment> orEmpty(List<Assignment> assignments) {
        return assignments == null ? List.of() : assignments;
    }
}
