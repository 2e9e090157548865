package org.ecoplan.plan.catalogue.events;

import java.util.List;
import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.DepartmentGroupState;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.contract.IndicatorState;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.PlanDocumentState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.contract.SectionState;
import org.ecoplan.catalogue.contract.TaskState;
import org.ecoplan.plan.catalogue.Indicator;
import org.ecoplan.plan.catalogue.IndicatorAssignment;
import org.ecoplan.plan.catalogue.KeyTask;
import org.ecoplan.plan.catalogue.Measure;
import org.ecoplan.plan.catalogue.MeasureAssignment;
import org.ecoplan.plan.catalogue.Plan;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.catalogue.PlanSection;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;

/** Builds the published state of each catalogue entity; entities never leave the service. */
public final class CatalogueStates {

    private CatalogueStates() {
    }

    public static PlanDocumentState of(PlanDocument document, int planCount, int indicatorCount) {
        return new PlanDocumentState(document.id.toString(), document.revision, document.district, document.year,
                document.edition, document.checksum, document.importedAt, planCount, indicatorCount, document.status,
                document.supersededBy == null ? null : document.supersededBy.toString());
    }

    public static PlanState of(Plan plan, int taskCount, int measureCount) {
        PlanDocument document = plan.document;
        return new PlanState(plan.id.toString(), plan.revision, document.id.toString(), document.district,
                document.year, document.edition, plan.attachment, plan.title, taskCount, measureCount);
    }

    public static SectionState of(PlanSection section) {
        return new SectionState(section.id.toString(), section.revision, section.plan.id.toString(),
                section.parent == null ? null : section.parent.id.toString(), section.level, section.label,
                section.title, section.position);
    }

    public static TaskState of(KeyTask task, int measureCount) {
        return new TaskState(task.id.toString(), task.revision, task.plan.id.toString(), task.section.id.toString(),
                task.number, task.name, measureCount);
    }

    public static MeasureState of(Measure measure) {
        return new MeasureState(measure.id.toString(), measure.revision, measure.plan.id.toString(),
                measure.section.id.toString(), measure.task.id.toString(), measure.plan.document.year,
                measure.task.number, measure.position, measure.text,
                new MeasureState.Deadline(measure.deadlineKind.name(), measure.deadlineStart, measure.deadlineEnd,
                        measure.deadlineLabel),
                measure.assignments.stream().map(CatalogueStates::of).toList(), List.copyOf(measure.timingHints),
                measure.status);
    }

    public static DepartmentState of(Department department) {
        return new DepartmentState(department.id.toString(), department.revision, department.code, department.name,
                department.kind.name(), department.district);
    }

    public static DepartmentGroupState of(DepartmentGroup group) {
        return new DepartmentGroupState(group.id.toString(), group.revision, group.code, group.name,
                group.memberCodes(), group.district);
    }

    public static IndicatorState of(Indicator indicator) {
        PlanDocument document = indicator.document;
        return new IndicatorState(indicator.id.toString(), indicator.revision, document.id.toString(),
                document.district, document.year, indicator.number, indicator.category, indicator.name,
                indicator.target, assignments(indicator, IndicatorAssignment.LEAD),
                assignments(indicator, IndicatorAssignment.COOPERATING), indicator.status);
    }

    private static List<Assignment> assignments(Indicator indicator, String role) {
        return indicator.assignments.stream().filter(a -> a.role.equals(role))
                .map(a -> assignment(role, a.department, a.group)).toList();
    }

    private static Assignment of(MeasureAssignment assignment) {
        return assignment(assignment.role.name(), assignment.department, assignment.group);
    }

    private static Assignment assignment(String role, Department department, DepartmentGroup group) {
        return department != null
                ? new Assignment(role, department.code, null, department.name, null)
                : new Assignment(role, null, group.code, group.name, group.memberCodes());
    }
}
