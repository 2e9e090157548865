package org.ecoplan.indicator.rollup;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.contract.PlanState;
import org.ecoplan.catalogue.contract.SectionState;
import org.ecoplan.catalogue.contract.TaskState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.RollupChanged;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.replica.ProgressReplica;
import org.ecoplan.web.clock.BusinessClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Keeps the delivery roll-ups of plans, sections, tasks and departments. Progress events update the
 * per-measure state in the {@link ProgressReplica} (older sequences and revisions are dropped, so a redelivered or
 * replayed event changes nothing); the figures of the changed measure's scopes are then recomputed from the catalogue
 * replica's measures and published as {@code indicator.rollup-changed.v1} for the scopes whose figures changed.
 * Both recomputations are the same query and go through {@link RollupCalculator}, so they give the same figures.
 */
@ApplicationScoped
public class RollupService {

    private final CatalogueReplica catalogue;
    private final EventOutbox outbox;
    private final BusinessClock clock;
    private final ObjectMapper mapper;
    private final DeliveryHistory history;
    private final ScopeMembers members;
    private final ProgressReplica progress;

    RollupService(CatalogueReplica catalogue, EventOutbox outbox, BusinessClock clock, ObjectMapper mapper,
            DeliveryHistory history, ScopeMembers members, ProgressReplica progress) {
        this.progress = progress;
        this.members = members;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.clock = clock;
        this.mapper = mapper;
        this.history = history;
    }

    /** @return whether the event was newer than what is known */
    @Transactional(TxType.MANDATORY)
    public boolean apply(MeasureStatusChanged event) {
        Instant now = clock.now();
        if (!progress.apply(event, now)) {
            Log.debugf("Dropped status of measure %s at sequence %d: a newer one is known", event.measureId(), event.sequence());
            return false;
        }
        history.record(event, now);
        return true;
    }

    /** @return whether the event was newer than what is known */
    @Transactional(TxType.MANDATORY)
    public boolean apply(ReportEvent event) {
        // Before the staleness check: the earliest submission time is kept whatever order events come in.
        history.recordSubmission(event);
        if (!progress.apply(event, clock.now())) {
            Log.debugf("Dropped report %s revision %d: a newer one is known", event.reportId(), event.reportRevision());
            return false;
        }
        return true;
    }

    /**
     * A replay's events of one poll, in topic order: the outcome of {@link #apply(MeasureStatusChanged)} and
     * {@link #apply(ReportEvent)} one by one, in a few statements per batch instead of three per event (the
     * rebuild was 68 times slower than reading the topic, issue 16).
     *
     * @return how many of them were newer than what was known (those one by one would have applied)
     */
    @Transactional(TxType.MANDATORY)
    public int applyAll(List<MeasureStatusChanged> statuses, List<ReportEvent> reports) {
        Applied applied = applyBatch(statuses, reports);
        return applied.statuses().size() + applied.reports().size();
    }

    /**
     * What {@link #applyBatch} applied.
     *
     * @param statuses the status events newer than what was known, in topic order
     * @param reports  the report events newer than what was known, in topic order
     * @param current  report events not newer whose revision is the stored one (see {@link #isLatestRevision})
     */
    public record Applied(List<MeasureStatusChanged> statuses, List<ReportEvent> reports, List<ReportEvent> current) {

        /** The measures whose state changed, sorted. */
        public Set<String> changedMeasures() {
            Set<String> measures = new TreeSet<>();
            statuses.forEach(status -> measures.add(status.measureId()));
            reports.forEach(report -> measures.add(report.measureId()));
            return measures;
        }
    }

    /**
     * Events of one poll (a replay's, or the live consumer's), in topic order, with the outcome of
     * {@link #apply(MeasureStatusChanged)} and {@link #apply(ReportEvent)} one by one: the newest state per measure and
     * report in one batch of upserts that keep a newer stored row, the month-end history in one batch.
     */
    @Transactional(TxType.MANDATORY)
    public Applied applyBatch(List<MeasureStatusChanged> statuses, List<ReportEvent> reports) {
        Instant now = clock.now();
        List<MeasureStatusChanged> applied = progress.applyStatuses(statuses, now);
        history.recordAll(applied, now);
        // As one by one: the earliest submission time is kept whatever order events come in, stale or not.
        history.recordSubmissions(reports);
        ProgressReplica.ReportsApplied appliedReports = progress.applyReportEvents(reports, now);
        return new Applied(applied, appliedReports.applied(), appliedReports.current());
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
        return progress.reportRevision(event.reportId()).map(revision -> revision == event.reportRevision()).orElse(false);
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
        Rollup.flush();
        String period = currentPeriod();
        Map<Rollup.Key, RollupFigures> figures = members.figures(period);
        Map<Rollup.Key, Rollup> stored = new HashMap<>();
        Rollup.<Rollup>listAll().forEach(rollup -> stored.put(rollup.key, rollup));
        int changed = publishChanged(figures, stored);
        if (changed > 0) {
            Log.infof("Roll-ups of %d scope(s) changed (period %s)", changed, period);
        }
        return changed;
    }

    /**
     * Recomputes the scopes one measure belongs to (its plan, task, section chain and departments, group members
     * included), each from exactly the measures of that scope, and publishes those whose figures changed. The
     * scopes and their members were worked out when the catalogue changed ({@link ScopeMembers}); the figures are
     * one aggregate over those members' progress and report rows, no catalogue JSON. Gives the figures
     * {@link #recomputeAll()} would (the same query over every scope).
     *
     * @return how many scopes changed
     */
    @Transactional(TxType.REQUIRED)
    public int recomputeScopesOf(String measureId) {
        return recomputeScopesOf(List.of(measureId));
    }

    /**
     * {@link #recomputeScopesOf(String)} for the measures a batch of events changed, in one go: every scope any of them
     * counts in is locked (in one sorted order, so two replicas' batches never wait for each other in a circle),
     * recomputed once and, if its figures changed, published once with the batch's last figures.
     *
     * @return how many scopes changed
     */
    @Transactional(TxType.REQUIRED)
    public int recomputeScopesOf(Collection<String> measureIds) {
        RecomputeLocks.someScopes();
        // The figures are read with SQL: whatever this transaction changed through Hibernate must be written first.
        // The locks no longer flush as a side effect (plain JDBC, not native queries); RollupReplayTest failed
        // without this while the measure's progress row was still an entity.
        Rollup.flush();
        List<Rollup.Key> affected = members.scopesOf(measureIds);
        if (affected.isEmpty()) {
            Log.debugf("Measures %s are not in the catalogue replica: no roll-up to recompute", measureIds);
            return 0;
        }
        RecomputeLocks.scopes(affected);
        Map<Rollup.Key, RollupFigures> figures = members.figuresOfScopesOf(measureIds, currentPeriod());
        Map<Rollup.Key, Rollup> stored = new HashMap<>();
        Set<Rollup.Key> wanted = new HashSet<>(affected);
        // One array parameter, not an IN list: Hibernate translates a query with a list parameter again for every call
        // (its SQL depends on the list's length), which was half of this read's CPU in the burst's profile.
        Rollup.<Rollup>list("array_contains(?1, key.scopeId)",
                (Object) affected.stream().map(key -> key.scopeId).distinct().toArray(String[]::new))
                .stream().filter(rollup -> wanted.contains(rollup.key)).forEach(rollup -> stored.put(rollup.key, rollup));
        int changed = publishChanged(figures, stored);
        Log.debugf("Measures %s: %d of their %d roll-up scope(s) changed", measureIds, changed, affected.size());
        return changed;
    }

    /** Writes and records an event for every scope whose figures differ from the stored ones. */
    private int publishChanged(Map<Rollup.Key, RollupFigures> figures, Map<Rollup.Key, Rollup> stored) {
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
                rollup.scopeName = nameOf(entry.getKey());
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
        ProgressReplica.Cleared cleared = progress.clear();
        Log.infof("Cleared %d measure statuses and %d reports before a replay", cleared.measures(), cleared.reports());
    }

    private static RollupChanged event(Rollup rollup) {
        return new RollupChanged(rollup.key.scopeType.name(), rollup.key.scopeId, rollup.sequence, rollup.measures,
                rollup.completed, rollup.onTrack, rollup.atRisk, rollup.overdue, rollup.notReportedThisPeriod,
                rollup.onTimeCompletionRate, rollup.changedAt, rollup.behindPace, rollup.notDue, rollup.completedOnTime,
                rollup.completedLate, rollup.notAssessed, rollup.unknown);
    }

    /** The human name of a scope, looked up in the catalogue when it gets its first roll-up. */
    private String nameOf(Rollup.Key key) {
        return switch (key.scopeType) {
            case PLAN -> catalogue.find(PlanState.class, key.scopeId).map(PlanState::title).orElse(null);
            case SECTION -> catalogue.find(SectionState.class, key.scopeId).map(section -> section.label() + section.title())
                    .orElse(null);
            case TASK -> catalogue.find(TaskState.class, key.scopeId).map(task -> task.number() + " " + task.name()).orElse(null);
            case DEPARTMENT, DEPARTMENT_ASSISTING -> catalogue.findContaining(CatalogueEvents.DEPARTMENT.aggregateType(),
                    Map.of("code", key.scopeId)).stream().findFirst().map(json -> state(json, DepartmentState.class).name()).orElse(null);
        };
    }

    private <S> S state(JsonNode json, Class<S> type) {
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Replicated " + json.path("id") + " cannot be read as " + type.getSimpleName(), e);
        }
    }
}
