package org.ecoplan.plan.catalogue.api;

import java.util.ArrayList;
import java.util.List;
import org.ecoplan.plan.catalogue.Indicator;
import org.ecoplan.plan.catalogue.IndicatorAssignment;
import org.ecoplan.plan.catalogue.KeyTask;
import org.ecoplan.plan.catalogue.Measure;
import org.ecoplan.plan.catalogue.MeasureAssignment;
import org.ecoplan.plan.catalogue.Plan;
import org.ecoplan.plan.catalogue.PlanSection;
import org.ecoplan.plan.catalogue.api.CatalogueViews.DeadlineView;
import org.ecoplan.plan.catalogue.api.CatalogueViews.DepartmentRef;
import org.ecoplan.plan.catalogue.api.CatalogueViews.IndicatorView;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureSummary;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureView;
import org.ecoplan.plan.catalogue.api.CatalogueViews.PlanRef;
import org.ecoplan.plan.catalogue.api.CatalogueViews.RoleAssignments;
import org.ecoplan.plan.catalogue.api.CatalogueViews.SectionRef;
import org.ecoplan.plan.catalogue.api.CatalogueViews.TaskRef;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;

/** Entity → view. Callers fetch what is mapped beforehand (see the repositories) so that mapping queries nothing. */
public final class CatalogueViewMapper {

    private CatalogueViewMapper() {
    }

    public static MeasureView list(Measure measure) {
        return view(measure, measure.assignments, false);
    }

    /** The list view of a measure whose assignments were fetched apart from it (its own collection is not loaded). */
    public static MeasureView list(Measure measure, List<MeasureAssignment> assignments) {
        return view(measure, assignments, false);
    }

    public static MeasureView detail(Measure measure) {
        return view(measure, measure.assignments, true);
    }

    private static MeasureView view(Measure measure, List<MeasureAssignment> assignments, boolean detail) {
        PlanSection section = measure.topSection;
        PlanSection subsection = measure.section.level == 2 ? measure.section : null;
        return new MeasureView(measure.id, measure.revision, planRef(measure.plan), sectionRef(section),
                subsection == null ? null : sectionRef(subsection), taskRef(measure.task), measure.position,
                measure.text, deadline(measure), roles(assignments), List.copyOf(measure.timingHints),
                detail ? measure.rawRow : null, detail ? measure.sourceLine : null, measure.updatedAt,
                measure.updatedBy, measure.status);
    }

    public static MeasureSummary summary(Measure measure) {
        return new MeasureSummary(measure.id, measure.revision, measure.position, measure.text, deadline(measure),
                roles(measure.assignments));
    }

    public static DeadlineView deadline(Measure measure) {
        return new DeadlineView(measure.deadlineKind, measure.deadlineStart, measure.deadlineEnd,
                measure.deadlineLabel);
    }

    public static PlanRef planRef(Plan plan) {
        return new PlanRef(plan.id, plan.attachment, plan.title, plan.document.year, plan.document.edition);
    }

    public static SectionRef sectionRef(PlanSection section) {
        return new SectionRef(section.id, section.label, section.title, section.level);
    }

    public static TaskRef taskRef(KeyTask task) {
        return new TaskRef(task.id, task.number, task.name);
    }

    public static RoleAssignments roles(List<MeasureAssignment> assignments) {
        List<DepartmentRef> lead = new ArrayList<>();
        List<DepartmentRef> responsible = new ArrayList<>();
        List<DepartmentRef> assisting = new ArrayList<>();
        for (MeasureAssignment assignment : assignments) {
            DepartmentRef ref = ref(assignment.department, assignment.group);
            switch (assignment.role) {
                case LEAD -> lead.add(ref);
                case RESPONSIBLE -> responsible.add(ref);
                case ASSISTING -> assisting.add(ref);
            }
        }
        return new RoleAssignments(lead, responsible, assisting);
    }

    public static DepartmentRef ref(Department department, DepartmentGroup group) {
        return department != null
                ? new DepartmentRef(department.code, department.name, false, null)
                : new DepartmentRef(group.code, group.name, true, group.memberCodes());
    }

    public static IndicatorView indicator(Indicator indicator) {
        return new IndicatorView(indicator.id, indicator.revision, indicator.number, indicator.category,
                indicator.name, indicator.target, indicatorRefs(indicator, IndicatorAssignment.LEAD),
                indicatorRefs(indicator, IndicatorAssignment.COOPERATING), indicator.document.district,
                indicator.document.year,
                indicator.document.edition, indicator.rawRow);
    }

    private static List<DepartmentRef> indicatorRefs(Indicator indicator, String role) {
        return indicator.assignments.stream().filter(a -> a.role.equals(role))
                .map(a -> ref(a.department, a.group)).toList();
    }
}
