package org.ecoplan.indicator.rollup;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.contract.SectionState;
import org.ecoplan.catalogue.contract.TaskState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.RollupChanged;
import org.ecoplan.indicator.tracking.Departments;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.web.clock.BusinessClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Keeps the delivery roll-ups of plans, sections, tasks and departments. Progress events update the
 * per-measure state (older sequences and revisions are dropped, so a redelivered or replayed event
 * changes nothing); the figures of the changed measure's scopes are then recomputed from the catalogue
 * replica's measures and published as {@code indicator.rollup-changed.v1} for the scopes whose figures changed.
 * Both recomputations go through {@link RollupCalculator}, so they give the same figures.
 */
@ApplicationScoped
public class RollupService {

    private static final List<WorkflowState> REPORTED = List.of(WorkflowState.SUBMITTED, WorkflowState.APPROVED);
    private static final int IDS_PER_QUERY = 1000;

    private final CatalogueReplica catalogue;
    private final EventOutbox outbox;
    private final BusinessClock clock;
    private final ObjectMapper mapper;
    private final DeliveryHistory history;

    RollupService(CatalogueReplica catalogue, EventOutbox outbox, BusinessClock clock, ObjectMapper mapper,
            DeliveryHistory history) {
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.clock = clock;
        this.mapper = mapper;
        this.history = history;
    }

    /** @return whether the event was newer than what is known */
    @Transactional(TxType.MANDATORY)
    public boolean apply(MeasureStatusChanged event) {
        MeasureProgress progress = MeasureProgress.findById(event.measureId());
        if (progress != null && progress.sequence >= event.sequence()) {
            Log.debugf("Dropped status of measure %s at sequence %d: %d is known", event.measureId(), event.sequence(), progress.sequence);
            return false;
        }
        if (progress == null) {
            progress = new MeasureProgress();
            progress.measureId = event.measureId();
        }
        progress.sequence = event.sequence();
        progress.status = event.status();
        progress.overdue = event.overdue();
        progress.deadline = event.deadline();
        progress.completedOn = event.completedOn();
        progress.completedOnTime = event.completedOnTime();
        progress.lastReportedPeriod = event.lastReportedPeriod();
        progress.changedAt = event.changedAt() == null ? clock.now() : event.changedAt();
        progress.percentComplete = event.percentComplete();
        progress.basedOnReportId = event.basedOnReportId();
        progress.lastApprovedAt = event.lastApprovedAt();
        DeliveryAssessment delivery = event.delivery();
        progress.deliveryState = delivery == null ? null : delivery.state();
        progress.assessedOn = delivery == null ? null : delivery.assessedOn();
        progress.windowStart = delivery == null ? null : delivery.windowStart();
        progress.windowEnd = delivery == null ? null : delivery.windowEnd();
        progress.expectedPercent = delivery == null ? null : delivery.expectedPercent();
        progress.paceGap = delivery == null ? null : delivery.paceGap();
        progress.overdueSince = delivery == null ? null : delivery.overdueSince();
        progress.daysLate = delivery == null ? null : delivery.daysLate();
        progress.persist();
        history.record(event, clock.now());
        return true;
    }

    /** @return whether the event was newer than what is known */
    @Transactional(TxType.MANDATORY)
    public boolean apply(ReportEvent event) {
        // Before the staleness check: the earliest submission time is kept whatever order events come in.
        history.recordSubmission(event);
        ReportSeen seen = ReportSeen.findById(event.reportId());
        if (seen != null && seen.revision >= event.reportRevision()) {
            Log.debugf("Dropped report %s revision %d: %d is known", event.reportId(), event.reportRevision(), seen.revision);
            return false;
        }
        if (seen == null) {
            seen = new ReportSeen();
            seen.reportId = event.reportId();
        }
        seen.measureId = event.measureId();
        seen.revision = event.reportRevision();
        seen.period = event.period();
        seen.state = event.state();
        seen.persist();
        return true;
    }

    /**
     * Lets a progress event update the roll-ups in the caller's transaction unless a rebuild or full recomputation
     * holds them (see {@link RecomputeLocks}).
     *
     * @return {@code false} if the event must wait: try again later
     */
    @Transactional(TxType.MANDATORY)
    public boolean tryLockForEvent() {
        return RecomputeLocks.trySomeScopes();
    }

    /**
     * For a rebuild: claims it (one at a time across instances) and then holds every roll-up until the caller's
     * transaction ends, once the events in flight are done.
     *
     * @return {@code false} if another rebuild runs
     */
    @Transactional(TxType.MANDATORY)
    public boolean lockForRebuild() {
        if (!RecomputeLocks.tryRebuild()) {
            return false;
        }
        RecomputeLocks.allScopes();
        return true;
    }

    /** @return whether the stored state of the report is exactly this revision (e.g. applied by a replay) */
    @Transactional(TxType.MANDATORY)
    public boolean isLatestRevision(ReportEvent event) {
        ReportSeen seen = ReportSeen.findById(event.reportId());
        return seen != null && seen.revision == event.reportRevision();
    }

    /** The reporting period of today, e.g. {@code 2026-05}. */
    public String currentPeriod() {
        return YearMonth.from(clock.today()).toString();
    }

    /**
     * Recomputes every scope and publishes those whose figures changed: for what time alone changes (a new
     * reporting period, deadlines passing), a replay and the start-up catch-up. Progress events use
     * {@link #recomputeScopesOf(String)}. @return how many changed
     */
    @Transactional(TxType.REQUIRED)
    public int recomputeAll() {
        // Exclusive: no event recomputes its scopes meanwhile, so no scope's sequence is handed out twice.
        RecomputeLocks.allScopes();
        String period = currentPeriod();
        List<MeasureState> measures = catalogue.all(MeasureState.class);
        Map<String, MeasureProgress> progress = new HashMap<>();
        MeasureProgress.<MeasureProgress>listAll().forEach(row -> progress.put(row.measureId, row));
        Set<String> reported = reportedThisPeriod(period, progress, reportedIn(period));
        Map<String, SectionState> sections = new HashMap<>();
        catalogue.all(SectionState.class).forEach(section -> sections.put(section.id(), section));
        Map<Rollup.Key, RollupFigures> figures = RollupCalculator.all(measures, progress, reported, period,
                measure -> scopesOf(measure, sections));
        Map<Rollup.Key, Rollup> stored = new HashMap<>();
        Rollup.<Rollup>listAll().forEach(rollup -> stored.put(rollup.key, rollup));
        int changed = publishChanged(figures, stored, new Names(sections));
        if (changed > 0) {
            Log.infof("Roll-ups of %d scope(s) changed (period %s)", changed, period);
        }
        return changed;
    }

    /**
     * Recomputes the scopes one measure belongs to (its plan, task, section chain and departments, group members
     * included), each from exactly the measures of that scope, and publishes those whose figures changed. Reads
     * only those measures (by the replica's containment index) and their progress and report rows, so an event
     * costs the size of its scopes, not of the catalogue. Gives the figures {@link #recomputeAll()} would.
     *
     * @return how many scopes changed
     */
    @Transactional(TxType.REQUIRED)
    public int recomputeScopesOf(String measureId) {
        RecomputeLocks.someScopes();
        Optional<MeasureState> measure = catalogue.find(MeasureState.class, measureId);
        if (measure.isEmpty()) {
            Log.debugf("Measure %s is not in the catalogue replica: no roll-up to recompute", measureId);
            return 0;
        }
        Map<String, SectionState> sections = sectionsOfPlan(measure.get().planId());
        Set<Rollup.Key> affected = new LinkedHashSet<>(scopesOf(measure.get(), sections));
        if (affected.isEmpty()) {
            return 0;
        }
        RecomputeLocks.scopes(affected);
        String period = currentPeriod();
        List<MeasureState> members = membersOf(affected);
        List<String> memberIds = members.stream().map(MeasureState::id).toList();
        Map<String, MeasureProgress> progress = new HashMap<>();
        for (List<String> ids : chunks(memberIds)) {
            MeasureProgress.<MeasureProgress>list("measureId in ?1", ids).forEach(row -> progress.put(row.measureId, row));
        }
        Set<String> reported = reportedThisPeriod(period, progress, reportedIn(period, memberIds));
        // The members of other scopes (e.g. a department's measures in another plan) count only where they
        // share a scope with this measure: the other scopes' figures would be incomplete here.
        Map<Rollup.Key, RollupFigures> figures = RollupCalculator.all(members, progress, reported, period,
                member -> scopesOf(member, sections).stream().filter(affected::contains).toList());
        Map<Rollup.Key, Rollup> stored = new HashMap<>();
        for (Rollup.Key key : affected) {
            Rollup rollup = Rollup.findById(key);
            if (rollup != null) {
                stored.put(key, rollup);
            }
        }
        int changed = publishChanged(figures, stored, new Names(sections));
        Log.debugf("Measure %s: %d of its %d roll-up scope(s) changed (%d measures read)", measureId, changed,
                affected.size(), members.size());
        return changed;
    }

    /** Writes and records an event for every scope whose figures differ from the stored ones. */
    private int publishChanged(Map<Rollup.Key, RollupFigures> figures, Map<Rollup.Key, Rollup> stored, Names names) {
        List<OutgoingEvent> events = new ArrayList<>();
        Instant now = clock.now();
        for (Map.Entry<Rollup.Key, RollupFigures> entry : figures.entrySet()) {
            Rollup rollup = stored.get(entry.getKey());
            if (rollup != null && rollup.sameFigures(entry.getValue())) {
                continue;
            }
            if (rollup == null) {
                rollup = new Rollup();
                rollup.key = entry.getKey();
                rollup.sequence = 0;
                rollup.scopeName = names.of(entry.getKey());
            }
            rollup.sequence++;
            rollup.setFigures(entry.getValue());
            rollup.changedAt = now;
            rollup.persist();
            events.add(new OutgoingEvent(IndicatorEvents.TOPIC, IndicatorEvents.ROLLUP_CHANGED.aggregateType(),
                    rollup.key.scopeId, IndicatorEvents.ROLLUP_CHANGED.eventType(), event(rollup)));
        }
        outbox.recordAll(events);
        return events.size();
    }

    /**
     * Clears what progress events built (not the published figures, whose sequences must keep growing, nor the
     * {@link DeliveryHistory}, which outlives the topic's retention and which a replay only confirms). Only under
     * {@link #lockForRebuild()}, in the rebuild's transaction: no event may see the state half cleared.
     */
    @Transactional(TxType.MANDATORY)
    public void clearProgressState() {
        long progress = MeasureProgress.deleteAll();
        long reports = ReportSeen.deleteAll();
        Log.infof("Cleared %d measure statuses and %d reports before a replay", progress, reports);
    }

    private Map<String, SectionState> sectionsOfPlan(String planId) {
        Map<String, SectionState> sections = new HashMap<>();
        if (planId != null) {
            catalogue.findContaining(CatalogueEvents.SECTION.aggregateType(), Map.of("planId", planId))
                    .forEach(json -> {
                        SectionState section = state(json, SectionState.class);
                        sections.put(section.id(), section);
                    });
        }
        return sections;
    }

    /**
     * Every measure of the given scopes, each read once. Tasks and sections lie inside the plan, which is always
     * among a measure's scopes; a department's measures name it directly or through a group's member codes.
     */
    private List<MeasureState> membersOf(Set<Rollup.Key> scopes) {
        Map<String, MeasureState> members = new LinkedHashMap<>();
        for (Rollup.Key scope : scopes) {
            List<Map<String, Object>> containing = switch (scope.scopeType) {
                case PLAN -> List.of(Map.of("planId", scope.scopeId));
                case DEPARTMENT, DEPARTMENT_ASSISTING -> List.of(
                        Map.of("assignments", List.of(Map.of("departmentCode", scope.scopeId))),
                        Map.of("assignments", List.of(Map.of("memberCodes", List.of(scope.scopeId)))));
                case TASK, SECTION -> List.of();
            };
            for (Map<String, Object> fields : containing) {
                for (JsonNode json : catalogue.findContaining(CatalogueEvents.MEASURE.aggregateType(), fields)) {
                    members.computeIfAbsent(json.path("id").asText(), id -> state(json, MeasureState.class));
                }
            }
        }
        return List.copyOf(members.values());
    }

    private <S> S state(JsonNode json, Class<S> type) {
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Replicated " + json.path("id") + " cannot be read as " + type.getSimpleName(), e);
        }
    }

    /** Measures with a submitted or approved report for the period, by either the report or the status event. */
    private static Set<String> reportedThisPeriod(String period, Map<String, MeasureProgress> progress, Set<String> withReport) {
        Set<String> reported = new HashSet<>(withReport);
        progress.values().stream().filter(row -> period.equals(row.lastReportedPeriod)).forEach(row -> reported.add(row.measureId));
        return reported;
    }

    @SuppressWarnings("unchecked")
    private Set<String> reportedIn(String period) {
        List<String> measureIds = ReportSeen.getEntityManager().createQuery(
                "select distinct r.measureId from ReportSeen r where r.period = :period and r.state in :states")
                .setParameter("period", period)
                .setParameter("states", REPORTED).getResultList();
        return new HashSet<>(measureIds);
    }

    /** Served by the index on (period, measure_id). */
    @SuppressWarnings("unchecked")
    private Set<String> reportedIn(String period, List<String> measureIds) {
        Set<String> reported = new HashSet<>();
        for (List<String> ids : chunks(measureIds)) {
            reported.addAll(ReportSeen.getEntityManager().createQuery(
                    "select distinct r.measureId from ReportSeen r where r.period = :period and r.measureId in :ids and r.state in :states")
                    .setParameter("period", period).setParameter("ids", ids)
                    .setParameter("states", REPORTED).getResultList());
        }
        return reported;
    }

    /** Keeps the bind parameters of an {@code in} list well below the driver's limit for large scopes. */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
        }
        return chunks;
    }

    private static List<Rollup.Key> scopesOf(MeasureState measure, Map<String, SectionState> sections) {
        Set<Rollup.Key> keys = new LinkedHashSet<>();
        if (measure.planId() == null || measure.taskId() == null) {
            // Not a measure of a published plan (incomplete catalogue data): nothing to add it to.
            return List.of();
        }
        keys.add(new Rollup.Key(ScopeType.PLAN, measure.planId()));
        keys.add(new Rollup.Key(ScopeType.TASK, measure.taskId()));
        for (String section = measure.sectionId(); section != null; ) {
            keys.add(new Rollup.Key(ScopeType.SECTION, section));
            SectionState state = sections.get(section);
            section = state == null ? null : state.parentId();
        }
        // Its own delivery for the departments that lead it or are responsible for it (a group for each member);
        // an assisting department's figures only where it has no such role on the measure.
        Set<String> accountable = new LinkedHashSet<>(Departments.accountable(measure.assignments()));
        for (String code : accountable) {
            keys.add(new Rollup.Key(ScopeType.DEPARTMENT, code));
        }
        for (String code : Departments.codes(measure.assignments(), "ASSISTING")) {
            if (!accountable.contains(code)) {
                keys.add(new Rollup.Key(ScopeType.DEPARTMENT_ASSISTING, code));
            }
        }
        return List.copyOf(keys);
    }

    private static RollupChanged event(Rollup rollup) {
        return new RollupChanged(rollup.key.scopeType.name(), rollup.key.scopeId, rollup.sequence, rollup.measures,
                rollup.completed, rollup.onTrack, rollup.atRisk, rollup.overdue, rollup.notReportedThisPeriod,
                rollup.onTimeCompletionRate, rollup.changedAt, rollup.behindPace, rollup.notDue, rollup.completedOnTime,
                rollup.completedLate, rollup.notAssessed, rollup.unknown);
    }

    /** Human names of scopes, looked up when a scope gets its first roll-up. */
    private final class Names {
        private final Map<String, SectionState> sections;

        Names(Map<String, SectionState> sections) {
            this.sections = sections;
        }

        String of(Rollup.Key key) {
            return switch (key.scopeType) {
                case PLAN -> catalogue.find(PlanState.class, key.scopeId).map(PlanState::title).orElse(null);
                case SECTION -> sections.containsKey(key.scopeId)
                        ? sections.get(key.scopeId).label() + sections.get(key.scopeId).title() : null;
                case TASK -> catalogue.find(TaskState.class, key.scopeId).map(task -> task.number() + " " + task.name()).orElse(null);
                case DEPARTMENT, DEPARTMENT_ASSISTING -> catalogue.findContaining(CatalogueEvents.DEPARTMENT.aggregateType(), Map.of("code", key.scopeId))
                        .stream().findFirst().map(json -> state(json, DepartmentState.class).name()).orElse(null);
            };
        }
    }
}
