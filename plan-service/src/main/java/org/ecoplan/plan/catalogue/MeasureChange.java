package org.ecoplan.plan.catalogue;

import java.time.LocalDate;
import java.util.List;

import org.ecoplan.catalogue.contract.AssignmentRole;

/**
 * An administrator's edit of a measure, as the edit service takes it. Null fields stay as they are; {@code
 * departments}, when given, replaces all of the measure's departments.
 */
public record MeasureChange(String text, Deadline deadline, List<Assignment> departments, String reason) {

    public record Deadline(DeadlineKind kind, LocalDate start, LocalDate end, String label) {
    }

    /** Exactly one of departmentCode and groupCode. */
    public record Assignment(AssignmentRole role, String departmentCode, String groupCode) {
    }
}
