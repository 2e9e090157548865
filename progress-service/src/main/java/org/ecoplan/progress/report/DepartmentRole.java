package org.ecoplan.progress.report;

import java.util.List;
import java.util.Optional;

import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.MeasureState;

/**
 * A department's role on a measure, strongest first. A department named twice (牵头 and 主责, as most
 * lead departments are) takes the strongest, and a group's members hold the group's role.
 */
public enum DepartmentRole {
    LEAD,
    RESPONSIBLE,
    ASSISTING;

    /** LEAD and RESPONSIBLE reports set the measure's official status; ASSISTING ones are contributions. */
    public boolean setsOfficialStatus() {
        return this != ASSISTING;
    }

    /** @return the department's strongest role on the measure, empty if it has none */
    public static Optional<DepartmentRole> of(MeasureState measure, String departmentCode) {
        DepartmentRole strongest = null;
        for (Assignment assignment : measure.assignments() == null ? List.<Assignment>of() : measure.assignments()) {
            if (assignment.names(departmentCode)) {
                DepartmentRole role = parse(assignment.role());
                if (role != null && (strongest == null || role.ordinal() < strongest.ordinal())) {
                    strongest = role;
                }
            }
        }
        return Optional.ofNullable(strongest);
    }

    private static DepartmentRole parse(String role) {
        try {
            return role == null ? null : valueOf(role);
        } catch (IllegalArgumentException e) {
            // A role this version does not know (the contract may add one) gives no right to report.
            return null;
        }
    }
}
