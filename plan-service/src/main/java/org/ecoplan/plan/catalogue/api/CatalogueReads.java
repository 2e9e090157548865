package org.ecoplan.plan.catalogue.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ecoplan.plan.catalogue.IndicatorRepository;
import org.ecoplan.plan.catalogue.KeyTask;
import org.ecoplan.plan.catalogue.KeyTaskRepository;
import org.ecoplan.plan.catalogue.Measure;
import org.ecoplan.plan.catalogue.MeasureEditRepository;
import org.ecoplan.plan.catalogue.MeasureFilter;
import org.ecoplan.plan.catalogue.MeasureRepository;
import org.ecoplan.plan.catalogue.Plan;
import org.ecoplan.plan.catalogue.PlanRepository;
import org.ecoplan.plan.catalogue.PlanSection;
import org.ecoplan.plan.catalogue.PlanSectionRepository;
import org.ecoplan.plan.catalogue.api.CatalogueViews.IndicatorView;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureEditView;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureView;
import org.ecoplan.plan.catalogue.api.CatalogueViews.PlanSummary;
import org.ecoplan.plan.catalogue.api.CatalogueViews.PlanTree;
import org.ecoplan.plan.catalogue.api.CatalogueViews.SectionNode;
import org.ecoplan.plan.catalogue.api.CatalogueViews.TaskDetail;
import org.ecoplan.plan.catalogue.api.CatalogueViews.TaskNode;
import org.ecoplan.plan.department.DepartmentGroupRepository;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.ProblemException;

/**
 * The catalogue's read views: the query side of the catalogue API. It composes the repositories' fetches into the
 * REST views, which is why it lives with them in {@code api} (the domain never builds views). Each read is a fixed,
 * small number of queries, whatever the plan's size.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogueReads {

    private final PlanRepository plans;
    private final PlanSectionRepository sections;
    private final KeyTaskRepository tasks;
    private final MeasureRepository measures;
    private final MeasureEditRepository edits;
    private final IndicatorRepository indicators;
    private final DepartmentGroupRepository groups;

    CatalogueReads(PlanRepository plans, PlanSectionRepository sections, KeyTaskRepository tasks,
            MeasureRepository measures, MeasureEditRepository edits, IndicatorRepository indicators,
            DepartmentGroupRepository groups) {
        this.plans = plans;
        this.sections = sections;
        this.tasks = tasks;
        this.measures = measures;
        this.edits = edits;
        this.indicators = indicators;
        this.groups = groups;
    }

    public Page<PlanSummary> listPlans(String district, Integer year, PageRequest page) {
        List<PlanSummary> items = plans.listWithCounts(district, year, page.offset(), page.size).stream()
                .map(CatalogueReads::summary).toList();
        return Page.of(items, page, plans.count(district, year));
    }

    public PlanTree planTree(UUID planId) {
        PlanRepository.PlanWithCounts plan = plans.findWithCounts(planId)
                .orElseThrow(() -> ProblemException.notFound("plan", planId));
        // Groups first: their members are then in the session when measures refer to them.
        groups.listWithMembers();
        Map<UUID, List<Measure>> measuresByTask = measures.listForViewByPlan(planId).stream()
                .sorted(Comparator.comparingInt(m -> m.position))
                .collect(Collectors.groupingBy(m -> m.task.id, LinkedHashMap::new, Collectors.toList()));
        Map<UUID, List<TaskNode>> tasksBySection = new LinkedHashMap<>();
        for (KeyTask task : tasks.listByPlan(planId)) {
            List<Measure> taskMeasures = measuresByTask.getOrDefault(task.id, List.of());
            tasksBySection.computeIfAbsent(task.section.id, id -> new ArrayList<>()).add(new TaskNode(task.id,
                    task.number, task.name, taskMeasures.stream().map(CatalogueViewMapper::summary).toList()));
        }
        List<PlanSection> planSections = sections.listByPlan(planId);
        Map<UUID, List<PlanSection>> children = planSections.stream().filter(s -> s.parent != null)
                .collect(Collectors.groupingBy(s -> s.parent.id, LinkedHashMap::new, Collectors.toList()));
        List<SectionNode> roots = planSections.stream().filter(s -> s.parent == null)
                .map(section -> new SectionNode(section.id, section.label, section.title, section.level,
                        children.getOrDefault(section.id, List.of()).stream()
                                .map(sub -> new SectionNode(sub.id, sub.label, sub.title, sub.level, List.of(),
                                        tasksBySection.getOrDefault(sub.id, List.of())))
                                .toList(),
                        tasksBySection.getOrDefault(section.id, List.of())))
                .toList();
        return new PlanTree(summary(plan), roots);
    }

    public TaskDetail task(UUID taskId) {
        KeyTask task = tasks.findWithPlan(taskId).orElseThrow(() -> ProblemException.notFound("task", taskId));
        groups.listWithMembers();
        PlanSection section = task.section.parent != null ? task.section.parent : task.section;
        PlanSection subsection = task.section.parent != null ? task.section : null;
        return new TaskDetail(task.id, task.number, task.name, CatalogueViewMapper.planRef(task.plan),
                CatalogueViewMapper.sectionRef(section),
                subsection == null ? null : CatalogueViewMapper.sectionRef(subsection),
                measures.listForViewByTask(taskId).stream().map(CatalogueViewMapper::detail).toList());
    }

    public MeasureView measure(UUID measureId) {
        groups.listWithMembers();
        return measures.findForView(measureId).map(CatalogueViewMapper::detail)
                .orElseThrow(() -> ProblemException.notFound("measure", measureId));
    }

    public Page<MeasureView> measures(MeasureFilter filter, PageRequest page) {
        groups.listWithMembers();
        return measures.search(filter, page).map(CatalogueViewMapper::list);
    }

    public List<MeasureEditView> history(UUID measureId) {
        if (measures.findById(measureId) == null) {
            throw ProblemException.notFound("measure", measureId);
        }
        return edits.listByMeasure(measureId).stream()
                .map(e -> new MeasureEditView(e.revision, e.editedAt, e.editedBy, e.reason, e.before, e.after))
                .toList();
    }

    public Page<IndicatorView> indicators(String district, Integer year, PageRequest page) {
        groups.listWithMembers();
        return indicators.listForView(district, year, page).map(CatalogueViewMapper::indicator);
    }

    public IndicatorView indicator(UUID id) {
        groups.listWithMembers();
        return indicators.findForView(id).map(CatalogueViewMapper::indicator)
                .orElseThrow(() -> ProblemException.notFound("indicator", id));
    }

    private static PlanSummary summary(PlanRepository.PlanWithCounts row) {
        Plan plan = row.plan();
        return new PlanSummary(plan.id, plan.attachment, plan.title, plan.document.district, plan.document.year,
                plan.document.edition, plan.document.id, row.taskCount(), row.measureCount());
    }
}
