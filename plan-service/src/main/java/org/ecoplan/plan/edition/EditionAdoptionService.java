package org.ecoplan.plan.edition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecoplan.catalogue.contract.CatalogueState;
import org.ecoplan.catalogue.contract.EditionAdopted;
import org.ecoplan.catalogue.contract.EditionStatus;
import org.ecoplan.catalogue.contract.Lifecycle;
import org.ecoplan.plan.catalogue.Indicator;
import org.ecoplan.plan.catalogue.IndicatorAssignment;
import org.ecoplan.plan.catalogue.IndicatorRepository;
import org.ecoplan.plan.catalogue.KeyTask;
import org.ecoplan.plan.catalogue.KeyTaskRepository;
import org.ecoplan.plan.catalogue.Measure;
import org.ecoplan.plan.catalogue.MeasureAssignment;
import org.ecoplan.plan.catalogue.MeasureEditService;
import org.ecoplan.plan.catalogue.MeasureRepository;
import org.ecoplan.plan.catalogue.Plan;
import org.ecoplan.plan.catalogue.PlanDocument;
import org.ecoplan.plan.catalogue.PlanDocumentRepository;
import org.ecoplan.plan.catalogue.PlanRepository;
import org.ecoplan.plan.catalogue.PlanSectionRepository;
import org.ecoplan.plan.catalogue.events.CataloguePublisher;
import org.ecoplan.plan.catalogue.events.CatalogueStates;
import org.ecoplan.plan.department.DepartmentRepository;
import org.ecoplan.plan.edition.events.EditionNoticePublisher;
import org.ecoplan.web.problem.ProblemException;

/**
 * Adopts a candidate edition (e.g. 修订稿) as the current plan of its district and year, in one transaction with all
 * its events:
 * <ul>
 *   <li><b>Continuing measures keep their identity.</b> Each measure of the current edition that the comparison
 *       matches in the candidate exchanges places with its counterpart: the row with the published id takes the
 *       candidate's task, position, text, deadline and departments, at a new revision (its history records the
 *       change), and the counterpart row (an id never published) keeps the earlier content in the superseded
 *       edition, which so stays readable as it was. Other services key progress reports, statuses and alerts by
 *       measure id: they stay attached, also for measures that changed or moved.</li>
 *   <li><b>Removed measures are closed</b> ({@link Lifecycle#CLOSED}), not deleted, and published once more.</li>
 *   <li>Added measures, the candidate's plans, sections and tasks are published for the first time; indicators are
 *       carried over like measures (matched ones keep their id, dropped ones are closed).</li>
 *   <li>The earlier edition becomes SUPERSEDED, the candidate CURRENT; every department a change concerns gets a
 *       {@link EditionAdopted} notice.</li>
 * </ul>
 * Imports and adoptions take the same lock, and the current edition's measures are locked against edits meanwhile.
 */
@ApplicationScoped
@Transactional
public class EditionAdoptionService {

    private final PlanDocumentRepository documents;
    private final PlanRepository plans;
    private final PlanSectionRepository sections;
    private final KeyTaskRepository tasks;
    private final MeasureRepository measures;
    private final IndicatorRepository indicators;
    private final DepartmentRepository departments;
    private final EditionService editions;
    private final EditionAdoptionRepository adoptions;
    private final MeasureEditService history;
    private final CataloguePublisher publisher;
    private final EditionNoticePublisher notices;
    private final ObjectMapper mapper;

    EditionAdoptionService(PlanDocumentRepository documents, PlanRepository plans, PlanSectionRepository sections,
            KeyTaskRepository tasks, MeasureRepository measures, IndicatorRepository indicators,
            DepartmentRepository departments, EditionService editions, EditionAdoptionRepository adoptions,
            MeasureEditService history, CataloguePublisher publisher, EditionNoticePublisher notices,
            ObjectMapper mapper) {
        this.documents = documents;
        this.plans = plans;
        this.sections = sections;
        this.tasks = tasks;
        this.measures = measures;
        this.indicators = indicators;
        this.departments = departments;
        this.editions = editions;
        this.adoptions = adoptions;
        this.history = history;
        this.publisher = publisher;
        this.notices = notices;
        this.mapper = mapper;
    }

    /** What an adoption did. */
    public record Adopted(EditionAdoption adoption, EditionChanges changes, int noticesPublished) {
    }

    public Adopted adopt(UUID candidateId, String actor) {
        documents.lockEditions();
        PlanDocument candidate = editions.edition(candidateId);
        if (!EditionService.isCandidate(candidate)) {
            throw ProblemException.conflict("the " + candidate.edition + " edition is " + candidate.status
                    + ", not a candidate; only a candidate edition is adopted / 仅可采用待采用的版本");
        }
        PlanDocument current = documents.findCurrent(candidate.district, candidate.year).orElseThrow(
                () -> ProblemException.conflict("the " + candidate.year + " plan of " + candidate.district
                        + " has no current edition to replace / 没有可替换的现行版本"));
        measures.lockByDocument(current.id);
        EditionComparer.Comparison comparison = editions.compare(current, candidate);
        Instant now = Instant.now();
        String reason = "采用" + candidate.edition + "（" + current.edition + " → " + candidate.edition + "）";

        Map<UUID, Measure> currentMeasures = byId(measures.listForViewByDocument(current.id), m -> m.id);
        Map<UUID, Measure> candidateMeasures = byId(measures.listForViewByDocument(candidate.id), m -> m.id);
        List<NoticeBuilder.Item> changes = new ArrayList<>();
        comparison.measurePairs().forEach((continuingId, counterpartId) -> {
            Measure continuing = currentMeasures.get(continuingId);
            Measure counterpart = candidateMeasures.get(counterpartId);
            EditionContent.MeasureItem before = EditionReader.item(continuing);
            String snapshot = history.snapshot(continuing);
            exchange(continuing, counterpart);
            continuing.revision++;
            continuing.updatedAt = now;
            continuing.updatedBy = actor;
            history.record(continuing, snapshot, reason);
            boolean changed = comparison.changedMeasures().contains(continuingId);
            boolean moved = comparison.movedMeasures().contains(continuingId);
            if (changed || moved) {
                changes.add(new NoticeBuilder.Item(changed ? EditionAdopted.Change.CHANGED : EditionAdopted.Change.MOVED,
                        moved, before, EditionReader.item(continuing), continuingId));
            }
        });
        for (UUID removedId : comparison.removedMeasures()) {
            Measure removed = currentMeasures.get(removedId);
            String snapshot = history.snapshot(removed);
            removed.status = Lifecycle.CLOSED;
            removed.closedAt = now;
            removed.revision++;
            removed.updatedAt = now;
            removed.updatedBy = actor;
            history.record(removed, snapshot, reason + "：修订稿删除该措施，已关闭");
            changes.add(new NoticeBuilder.Item(EditionAdopted.Change.REMOVED, false, EditionReader.item(removed), null,
                    removedId));
        }
        for (UUID addedId : comparison.addedMeasures()) {
            changes.add(new NoticeBuilder.Item(EditionAdopted.Change.ADDED, false, null,
                    EditionReader.item(candidateMeasures.get(addedId)), addedId));
        }

        Map<UUID, Indicator> currentIndicators = byId(indicators.listForViewByDocument(current.id), i -> i.id);
        Map<UUID, Indicator> candidateIndicators = byId(indicators.listForViewByDocument(candidate.id), i -> i.id);
        comparison.indicatorPairs().forEach((continuingId, counterpartId) -> {
            Indicator continuing = currentIndicators.get(continuingId);
            exchange(continuing, candidateIndicators.get(counterpartId));
            continuing.revision++;
        });
        List<Indicator> closedIndicators = new ArrayList<>();
        for (UUID removedId : comparison.removedIndicators()) {
            Indicator removed = currentIndicators.get(removedId);
            removed.status = Lifecycle.CLOSED;
            removed.closedAt = now;
            removed.revision++;
            closedIndicators.add(removed);
        }

        current.status = EditionStatus.SUPERSEDED;
        current.supersededBy = candidate.id;
        current.revision++;
        candidate.status = EditionStatus.CURRENT;
        candidate.adoptedAt = now;
        candidate.adoptedBy = actor;
        measures.flush();

        publisher.publish(states(current, candidate, comparison, currentMeasures, closedIndicators));
        List<EditionAdopted> perDepartment = new NoticeBuilder(current, candidate, now, actor,
                departmentNames()).build(changes);
        notices.publish(perDepartment);

        EditionAdoption adoption = new EditionAdoption();
        adoption.id = UUID.randomUUID();
        adoption.district = candidate.district;
        adoption.year = candidate.year;
        adoption.documentId = candidate.id;
        adoption.previousDocumentId = current.id;
        adoption.adoptedAt = now;
        adoption.adoptedBy = actor;
        adoption.summary = json(comparison.changes().summary());
        adoptions.persist(adoption);
        EditionChanges.Summary summary = comparison.changes().summary();
        Log.infof("Adopted %s %d %s over %s: %d measures continue (%d changed, %d moved), %d added, %d closed; "
                + "%d departments told", candidate.district, candidate.year, candidate.edition, current.edition,
                summary.measuresContinuing(), summary.measuresChanged(), summary.measuresMoved(),
                summary.measuresAdded(), summary.measuresRemoved(), perDepartment.size());
        return new Adopted(adoption, comparison.changes(), perDepartment.size());
    }

    /**
     * The continuing measure takes the counterpart's place and content; the counterpart takes the measure's earlier
     * place and content, so that the superseded edition still reads as it was. Positions are unique per task and
     * catalogue orders unique: for the moment both rows hold a place twice, which the deferred constraints allow.
     */
    private static void exchange(Measure continuing, Measure counterpart) {
        Measure earlier = new Measure();
        copyContent(continuing, earlier);
        List<MeasureAssignment> earlierAssignments = copies(continuing.assignments);
        List<MeasureAssignment> laterAssignments = copies(counterpart.assignments);
        copyContent(counterpart, continuing);
        copyContent(earlier, counterpart);
        continuing.replaceAssignments(laterAssignments);
        counterpart.replaceAssignments(earlierAssignments);
    }

    private static void copyContent(Measure source, Measure target) {
        target.document = source.document;
        target.plan = source.plan;
        target.section = source.section;
        target.topSection = source.topSection;
        target.task = source.task;
        target.position = source.position;
        target.catalogueOrder = source.catalogueOrder;
        target.text = source.text;
        target.deadlineKind = source.deadlineKind;
        target.deadlineStart = source.deadlineStart;
        target.deadlineEnd = source.deadlineEnd;
        target.deadlineLabel = source.deadlineLabel;
        target.timingHints = new ArrayList<>(source.timingHints);
        target.rawRow = source.rawRow;
        target.sourceLine = source.sourceLine;
    }

    private static List<MeasureAssignment> copies(List<MeasureAssignment> assignments) {
        return assignments.stream().map(a -> MeasureAssignment.of(a.role, a.department, a.group)).toList();
    }

    private static void exchange(Indicator continuing, Indicator counterpart) {
        Indicator earlier = new Indicator();
        copyContent(continuing, earlier);
        List<IndicatorAssignment> earlierAssignments = indicatorCopies(continuing.assignments);
        List<IndicatorAssignment> laterAssignments = indicatorCopies(counterpart.assignments);
        copyContent(counterpart, continuing);
        copyContent(earlier, counterpart);
        replace(continuing, laterAssignments);
        replace(counterpart, earlierAssignments);
    }

    private static void copyContent(Indicator source, Indicator target) {
        target.document = source.document;
        target.number = source.number;
        target.category = source.category;
        target.name = source.name;
        target.target = source.target;
        target.rawRow = source.rawRow;
        target.sourceLine = source.sourceLine;
    }

    private static List<IndicatorAssignment> indicatorCopies(List<IndicatorAssignment> assignments) {
        List<IndicatorAssignment> copies = new ArrayList<>();
        for (IndicatorAssignment assignment : assignments) {
            IndicatorAssignment copy = new IndicatorAssignment();
            copy.role = assignment.role;
            copy.department = assignment.department;
            copy.group = assignment.group;
            copy.position = assignment.position;
            copies.add(copy);
        }
        return copies;
    }

    private static void replace(Indicator indicator, List<IndicatorAssignment> assignments) {
        indicator.assignments.clear();
        for (IndicatorAssignment assignment : assignments) {
            assignment.indicator = indicator;
            indicator.assignments.add(assignment);
        }
    }

    /** Everything whose published state the adoption changed or first publishes, documents first. */
    private List<CatalogueState> states(PlanDocument current, PlanDocument candidate,
            EditionComparer.Comparison comparison, Map<UUID, Measure> currentMeasures,
            List<Indicator> closedIndicators) {
        List<CatalogueState> states = new ArrayList<>();
        List<Plan> candidatePlans = plans.list("document.id = ?1 order by attachment", candidate.id);
        List<KeyTask> candidateTasks = tasks.listByDocument(candidate.id);
        List<Measure> candidateMeasures = measures.listForViewByDocument(candidate.id);
        List<Indicator> candidateIndicators = indicators.listForViewByDocument(candidate.id);
        states.add(CatalogueStates.of(current, (int) plans.count("document.id", current.id),
                (int) indicators.count("document.id = ?1 and status = ?2", current.id, Lifecycle.OPEN)));
        states.add(CatalogueStates.of(candidate, candidatePlans.size(), candidateIndicators.size()));
        Map<UUID, Long> measuresPerPlan = candidateMeasures.stream()
                .collect(Collectors.groupingBy(m -> m.plan.id, Collectors.counting()));
        Map<UUID, Long> measuresPerTask = candidateMeasures.stream()
                .collect(Collectors.groupingBy(m -> m.task.id, Collectors.counting()));
        for (Plan plan : candidatePlans) {
            int taskCount = (int) candidateTasks.stream().filter(t -> t.plan.id.equals(plan.id)).count();
            states.add(CatalogueStates.of(plan, taskCount, measuresPerPlan.getOrDefault(plan.id, 0L).intValue()));
            sections.listByPlan(plan.id).forEach(section -> states.add(CatalogueStates.of(section)));
        }
        candidateTasks.forEach(task -> states.add(CatalogueStates.of(task,
                measuresPerTask.getOrDefault(task.id, 0L).intValue())));
        candidateMeasures.forEach(measure -> states.add(CatalogueStates.of(measure)));
        comparison.removedMeasures().forEach(id -> states.add(CatalogueStates.of(currentMeasures.get(id))));
        candidateIndicators.forEach(indicator -> states.add(CatalogueStates.of(indicator)));
        closedIndicators.forEach(indicator -> states.add(CatalogueStates.of(indicator)));
        return states;
    }

    private Map<String, String> departmentNames() {
        Map<String, String> names = new HashMap<>();
        departments.listAll().forEach(department -> names.put(department.code, department.name));
        return names;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
        Map<UUID, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }
}
