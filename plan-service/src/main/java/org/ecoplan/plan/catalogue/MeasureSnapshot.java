package org.ecoplan.plan.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;

/**
 * What a measure's history keeps of it: the fields an administrator edits and an adopted edition changes (text,
 * deadline, departments by role), in the shape of the measure view, so that the history reads like the measure.
 */
public record MeasureSnapshot(String text, Deadline deadline, Departments departments) {

    public record Deadline(DeadlineKind kind, LocalDate start, LocalDate end, String label) {
    }

    public record Departments(List<Named> lead, List<Named> responsible, List<Named> assisting) {
    }

    /** A department or a group; a group lists its members. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Named(String code, String name, boolean group, List<String> memberCodes) {

        public static Named of(Department department, DepartmentGroup group) {
            return department != null ? new Named(department.code, department.name, false, null)
                    : new Named(group.code, group.name, true, group.memberCodes());
        }
    }

    public static MeasureSnapshot of(Measure measure) {
        List<Named> lead = new ArrayList<>();
        List<Named> responsible = new ArrayList<>();
        List<Named> assisting = new ArrayList<>();
        for (MeasureAssignment assignment : measure.assignments) {
            Named named = Named.of(assignment.department, assignment.group);
            switch (assignment.role) {
                case LEAD -> lead.add(named);
                case RESPONSIBLE -> responsible.add(named);
                case ASSISTING -> assisting.add(named);
            }
        }
        return new MeasureSnapshot(measure.text, new Deadline(measure.deadlineKind, measure.deadlineStart,
                measure.deadlineEnd, measure.deadlineLabel), new Departments(lead, responsible, assisting));
    }
}
