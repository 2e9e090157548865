package org.ecoplan.plan.edition;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.catalogue.Indicator;
import org.ecoplan.plan.catalogue.IndicatorAssignment;
import org.ecoplan.plan.catalogue.IndicatorRepository;
import org.ecoplan.plan.catalogue.KeyTaskRepository;
import org.ecoplan.plan.catalogue.Measure;
import org.ecoplan.plan.catalogue.MeasureAssignment;
import org.ecoplan.plan.catalogue.MeasureRepository;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.department.Department;
import org.ecoplan.plan.department.DepartmentGroup;
import org.ecoplan.plan.department.DepartmentGroupRepository;

/** Reads one edition out of the catalogue for a comparison: three queries, whatever the plan's size. */
@ApplicationScoped
public class EditionReader {

    private final KeyTaskRepository tasks;
    private final MeasureRepository measures;
    private final IndicatorRepository indicators;
    private final DepartmentGroupRepository groups;

    EditionReader(KeyTaskRepository tasks, MeasureRepository measures, IndicatorRepository indicators,
            DepartmentGroupRepository groups) {
        this.tasks = tasks;
        this.measures = measures;
        this.indicators = indicators;
        this.groups = groups;
    }

    public EditionContent read(PlanDocument document) {
        // Groups with their members first: measures' groups then need no further query.
        groups.listWithMembers();
        List<EditionContent.TaskItem> taskItems = tasks.listByDocument(document.id).stream()
                .map(t -> new EditionContent.TaskItem(t.id, t.plan.attachment, t.number, t.name)).toList();
        List<EditionContent.MeasureItem> measureItems = new ArrayList<>();
        for (Measure measure : measures.listForViewByDocument(document.id)) {
            measureItems.add(item(measure));
        }
        List<EditionContent.IndicatorItem> indicatorItems = indicators.listForViewByDocument(document.id).stream()
                .map(EditionReader::item).toList();
        return new EditionContent(document.id, document.district, document.year, document.edition, taskItems,
                measureItems, indicatorItems);
    }

    static EditionContent.MeasureItem item(Measure measure) {
        Map<AssignmentRole, List<EditionContent.Named>> departments = new EnumMap<>(AssignmentRole.class);
        for (MeasureAssignment assignment : measure.assignments) {
            departments.computeIfAbsent(assignment.role, role -> new ArrayList<>())
                    .add(named(assignment.department, assignment.group));
        }
        return new EditionContent.MeasureItem(measure.id, measure.task.id, measure.plan.attachment,
                measure.task.number, measure.task.name, measure.position, measure.text, measure.deadlineKind,
                measure.deadlineStart, measure.deadlineEnd, measure.deadlineLabel, departments);
    }

    private static EditionContent.IndicatorItem item(Indicator indicator) {
        List<EditionContent.Named> lead = new ArrayList<>();
        List<EditionContent.Named> cooperating = new ArrayList<>();
        for (IndicatorAssignment assignment : indicator.assignments) {
            (IndicatorAssignment.LEAD.equals(assignment.role) ? lead : cooperating)
                    .add(named(assignment.department, assignment.group));
        }
        return new EditionContent.IndicatorItem(indicator.id, indicator.number, indicator.category, indicator.name,
                indicator.target, lead, cooperating);
    }

    static EditionContent.Named named(Department department, DepartmentGroup group) {
        return department != null ? new EditionContent.Named(department.code, department.name, false, List.of())
                : new EditionContent.Named(group.code, group.name, true, group.memberCodes());
    }
}
