package org.ecoplan.indicator.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

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
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;

/**
 * Keeps the delivery roll-ups of plans, sections, tasks and departments. Progress events update the
 * per-measure state (older sequences and revisions are dropped, so a redelivered or replayed event
 * changes nothing); the figures are then recomputed from the catalogue replica's measures and published
 * as {@code indicator.rollup-changed.v1} for the scopes whose figures changed.
 */
@ApplicationScoped
public class RollupService {

    /** Advisory lock key of roll-up recomputation ("ROLLUPS" in ASCII). */
    private static final long RECOMPUTE_LOCK = 0x524F4C4C555053L;

    private final CatalogueReplica catalogue;
    private final EventOutbox outbox;
    private final BusinessClock clock;

    RollupService(CatalogueReplica catalogue, EventOutbox outbox, BusinessClock clock) {
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.clock = clock;
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
        progress.persist();
        return true;
    }

    /** @return whether the event was newer than what is known */
    @Transactional(TxType.MANDATORY)
    public boolean apply(ReportEvent event) {
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

    /** The reporting period of today, e.g. {@code 2026-05}. */
    public String currentPeriod() {
        return YearMonth.from(clock.today()).toString();
    }

    /** Recomputes every scope and publishes those whose figures changed; @return how many changed */
    @Transactional(TxType.REQUIRED)
    public int recomputeAll() {
        // One recomputation at a time (live consumer, daily job, replay): each reads the published figures and
        // writes the next sequence, which must never be handed out twice.
        MeasureProgress.getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) as locked")
                .setParameter(1, RECOMPUTE_LOCK).getSingleResult();
        LocalDate today = clock.today();
        String period = currentPeriod();
        List<MeasureState> measures = catalogue.all(MeasureState.class);
        Map<String, MeasureProgress> progress = new HashMap<>();
        MeasureProgress.<MeasureProgress>listAll().forEach(row -> progress.put(row.measureId, row));
        Set<String> reported = reportedIn(period);
        progress.values().stream().filter(row -> period.equals(row.lastReportedPeriod))
                .forEach(row -> reported.add(row.measureId));
        Map<String, SectionState> sections = new HashMap<>();
        catalogue.all(SectionState.class).forEach(section -> sections.put(section.id(), section));
        Map<Rollup.Key, RollupFigures> figures = RollupCalculator.all(measures, progress, reported, today, period,
                measure -> scopesOf(measure, sections));
        Map<Rollup.Key, Rollup> stored = new HashMap<>();
        Rollup.<Rollup>listAll().forEach(rollup -> stored.put(rollup.key, rollup));
        Names names = new Names(sections);
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
            RollupFigures value = entry.getValue();
            rollup.sequence++;
            rollup.measures = value.measures();
            rollup.completed = value.completed();
            rollup.onTrack = value.onTrack();
            rollup.atRisk = value.atRisk();
            rollup.overdue = value.overdue();
            rollup.notReportedThisPeriod = value.notReportedThisPeriod();
            rollup.onTimeCompletionRate = value.onTimeCompletionRate();
            rollup.period = value.period();
            rollup.changedAt = now;
            rollup.persist();
            events.add(new OutgoingEvent(IndicatorEvents.TOPIC, IndicatorEvents.ROLLUP_CHANGED.aggregateType(),
                    rollup.key.scopeId, IndicatorEvents.ROLLUP_CHANGED.eventType(), event(rollup)));
        }
        outbox.recordAll(events);
        if (!events.isEmpty()) {
            Log.infof("Roll-ups of %d scope(s) changed (period %s)", events.size(), period);
        }
        return events.size();
    }

    /** Clears what progress events built (not the published figures, whose sequences must keep growing). */
    @Transactional
    public void clearProgressState() {
        long progress = MeasureProgress.deleteAll();
        long reports = ReportSeen.deleteAll();
        Log.infof("Cleared %d measure statuses and %d reports before a replay", progress, reports);
    }

    @SuppressWarnings("unchecked")
    private Set<String> reportedIn(String period) {
        List<String> measureIds = ReportSeen.getEntityManager().createQuery(
                "select distinct r.measureId from ReportSeen r where r.period = :period and r.state in :states")
                .setParameter("period", period)
                .setParameter("states", List.of(WorkflowState.SUBMITTED, WorkflowState.APPROVED)).getResultList();
        return new HashSet<>(measureIds);
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
        for (String code : Departments.codes(measure.assignments())) {
            keys.add(new Rollup.Key(ScopeType.DEPARTMENT, code));
        }
        return List.copyOf(keys);
    }

    private static RollupChanged event(Rollup rollup) {
        return new RollupChanged(rollup.key.scopeType.name(), rollup.key.scopeId, rollup.sequence, rollup.measures,
                rollup.completed, rollup.onTrack, rollup.atRisk, rollup.overdue, rollup.notReportedThisPeriod,
                rollup.onTimeCompletionRate, rollup.changedAt);
    }

    /** Human names of scopes, looked up once per recomputation. */
    private final class Names {
        private final Map<String, SectionState> sections;
        private Map<String, String> departments;

        Names(Map<String, SectionState> sections) {
            this.sections = sections;
        }

        String of(Rollup.Key key) {
            return switch (key.scopeType) {
                case PLAN -> catalogue.find(PlanState.class, key.scopeId).map(PlanState::title).orElse(null);
                case SECTION -> sections.containsKey(key.scopeId)
                        ? sections.get(key.scopeId).label() + sections.get(key.scopeId).title() : null;
                case TASK -> catalogue.find(TaskState.class, key.scopeId).map(task -> task.number() + " " + task.name()).orElse(null);
                case DEPARTMENT -> departments().get(key.scopeId);
            };
        }

        private Map<String, String> departments() {
            if (departments == null) {
                departments = new HashMap<>();
                catalogue.all(DepartmentState.class).forEach(department -> departments.put(department.code(), department.name()));
            }
            return departments;
        }
    }
}
