package org.ecoplan.indicator.rollup;

import static org.awaitility.Awaitility.await;
import static org.ecoplan.indicator.rollup.RollupRecords.isRollupChanged;
import static org.ecoplan.indicator.rollup.RollupRecords.rollupOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.catalogue.contract.Assignments;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.contract.SectionState;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.RollupChanged;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.replica.MeasureProgress;
import org.ecoplan.progress.replica.ProgressReplica;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A progress event recomputes only its measure's scopes, and gives the figures a recomputation of everything
 * would. Uses the last measures of each seed plan (other test classes use the first ones) and gives each test
 * its own measures, so that the sequences sent here are the next ones whatever ran before.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class IncrementalRollupTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 7, 10);
    private static final String PERIOD = "2026-07";
    /** Another test class reports on this measure. */
    private static final String ROADS = "城市道路机械化作业率达到97.5%";

    @Inject
    BusinessClock clock;

    @Inject
    RollupService rollups;

    @Inject
    ProgressReplica progressReplica;

    @BeforeEach
    void startFromFiguresOfToday() {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(TODAY, 10);
        // Time alone (another test's date) or another test's catalogue changes may have moved figures: settle them
        // first so that what changes below is due to the events alone.
        rollups.recomputeAll();
    }

    @Test
    void anEventRecomputesAndPublishesOnlyItsOwnMeasuresScopes() {
        MeasureState measure = lastOf(candidate -> isOngoing(candidate) && hasGroup(candidate));
        String otherPlan = SeedCatalogue.measures().stream().map(MeasureState::planId)
                .filter(plan -> !plan.equals(measure.planId())).findFirst().orElseThrow();
        Set<String> ownScopes = scopesOf(measure);
        assertTrue(ownScopes.size() > 4, "plan, task, section and departments: " + ownScopes);
        // A month on, a recomputation of everything would change many scopes (a new reporting period): the event
        // must leave them to the daily job.
        clock.setTo(TODAY.plusMonths(1), 10);
        Map<String, Snapshot> before = snapshot();

        MeasureProgress current = progressOf(measure.id());
        // Between on track and at risk: changes the figures of every scope the measure is in.
        DeliveryState next = current != null && current.deliveryState() == DeliveryState.AT_RISK
                ? DeliveryState.ON_TRACK : DeliveryState.AT_RISK;
        try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
            send(progress, measure.id(), ProgressEvents.MEASURE_STATUS_CHANGED, status(measure, nextSequence(measure.id()),
                    next == DeliveryState.AT_RISK ? ReportStatus.AT_RISK : ReportStatus.ON_TRACK, next, null, null));
        }
        String plan = "PLAN/" + measure.planId();
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshot().get(plan).sequence() > before.get(plan).sequence());

        Map<String, Snapshot> after = snapshot();
        Set<String> changed = after.keySet().stream()
                .filter(scope -> !before.containsKey(scope) || before.get(scope).sequence() != after.get(scope).sequence())
                .collect(Collectors.toSet());
        assertEquals(ownScopes, changed);
        changed.forEach(scope -> assertEquals(before.get(scope).sequence() + 1, after.get(scope).sequence(), scope));
        assertEquals(before.get("PLAN/" + otherPlan), after.get("PLAN/" + otherPlan));

        // Each own scope's new figures are published once, keyed by scope id; nothing else was.
        List<ConsumerRecord<String, String>> published = EventReader.awaitRecords(IndicatorEvents.TOPIC,
                record -> isRollupChanged(record) && ownScopes.contains(scopeOf(record))
                        && rollupOf(record).sequence() == after.get(scopeOf(record)).sequence(),
                ownScopes.size(), Duration.ofSeconds(30));
        published.forEach(record -> assertEquals(rollupOf(record).scopeId(), record.key()));
        List<String> newerElsewhere = EventReader.readCurrent(IndicatorEvents.TOPIC).stream()
                .filter(RollupRecords::isRollupChanged)
                .filter(record -> !ownScopes.contains(scopeOf(record)) && before.containsKey(scopeOf(record))
                        && rollupOf(record).sequence() > before.get(scopeOf(record)).sequence())
                .map(IncrementalRollupTest::scopeOf).toList();
        assertEquals(List.of(), newerElsewhere);
        assertTrue(rollups.recomputeAll() > 0, "the new period changes scopes the event did not touch");
    }

    @Test
    void eventsGiveTheFiguresOfARecomputationOfEverything() {
        List<String> plans = SeedCatalogue.measures().stream().map(MeasureState::planId).distinct().toList();
        // Skips the last measure of each plan: the other test here uses one of them.
        MeasureState completed = lastOf(candidate -> candidate.planId().equals(plans.get(0)) && isDueBy(candidate, LocalDate.of(2026, 12, 31)), 1);
        MeasureState atRisk = lastOf(candidate -> candidate.planId().equals(plans.get(1)) && isOngoing(candidate), 1);
        MeasureState overdue = lastOf(candidate -> candidate.planId().equals(plans.get(2)) && candidate.deadline() != null
                && !isOngoing(candidate), 1);
        MeasureState delayed = lastOf(candidate -> hasGroup(candidate) && isOngoing(candidate), 2);
        MeasureState returned = lastOf(candidate -> candidate.planId().equals(plans.get(0)) && isOngoing(candidate), 3);
        assertEquals(5, Set.of(completed.id(), atRisk.id(), overdue.id(), delayed.id(), returned.id()).size());

        Map<String, Long> sequences = new HashMap<>();
        Map<String, Long> revisions = new HashMap<>();
        try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
            sendStatus(progress, sequences, completed, ReportStatus.COMPLETED, DeliveryState.COMPLETED_ON_TIME, true, PERIOD);
            sendStatus(progress, sequences, atRisk, ReportStatus.AT_RISK, DeliveryState.AT_RISK, null, null);
            sendReport(progress, revisions, atRisk, "incremental-" + UUID.randomUUID(), 1, WorkflowState.SUBMITTED);
            sendStatus(progress, sequences, overdue, ReportStatus.ON_TRACK, DeliveryState.OVERDUE, null, null);
            sendStatus(progress, sequences, delayed, ReportStatus.ON_TRACK, DeliveryState.ON_TRACK, null, null);
            String approved = "incremental-" + UUID.randomUUID();
            sendReport(progress, revisions, delayed, approved, 1, WorkflowState.SUBMITTED);
            sendReport(progress, revisions, delayed, approved, 2, WorkflowState.APPROVED);
            sendStatus(progress, sequences, delayed, ReportStatus.DELAYED, DeliveryState.BEHIND_PACE, null, PERIOD);
            String sentBack = "incremental-" + UUID.randomUUID();
            sendReport(progress, revisions, returned, sentBack, 1, WorkflowState.SUBMITTED);
            sendReport(progress, revisions, returned, sentBack, 2, WorkflowState.RETURNED);
        }
        // Applying an event and recomputing its scopes commit together: once every event is applied, all are.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                sequences.entrySet().stream().allMatch(entry -> {
                    MeasureProgress row = progressReplica.find(entry.getKey()).orElse(null);
                    return row != null && row.sequence() == entry.getValue();
                }) && revisions.entrySet().stream().allMatch(entry ->
                        progressReplica.reportRevision(entry.getKey()).filter(entry.getValue()::equals).isPresent())));

        Map<String, Snapshot> incremental = snapshot();
        assertEquals(0, rollups.recomputeAll(), "scopes whose figures the incremental path left different");
        assertEquals(incremental, snapshot());
        // The events did move figures: the comparison above is not between two untouched states.
        assertNotEquals(0, incremental.get("PLAN/" + completed.planId()).figures().counts().completed());
    }

    private record Snapshot(long sequence, RollupFigures figures) {
    }

    private static Map<String, Snapshot> snapshot() {
        return QuarkusTransaction.requiringNew().call(() -> Rollup.<Rollup>listAll().stream().collect(Collectors.toMap(
                rollup -> rollup.key.scopeType + "/" + rollup.key.scopeId,
                rollup -> new Snapshot(rollup.sequence, new RollupFigures(rollup.counts(), rollup.notReportedThisPeriod, rollup.period)))));
    }

    private MeasureProgress progressOf(String measureId) {
        return progressReplica.find(measureId).orElse(null);
    }

    private long nextSequence(String measureId) {
        MeasureProgress current = progressOf(measureId);
        return current == null ? 1 : current.sequence() + 1;
    }

    /** What the catalogue says the measure belongs to, worked out from the seed rather than by the service. */
    private static Set<String> scopesOf(MeasureState measure) {
        Map<String, SectionState> sections = new HashMap<>();
        SeedCatalogue.records().stream().filter(record -> record.aggregateType().equals(CatalogueEvents.SECTION.aggregateType()))
                .forEach(record -> {
                    try {
                        SectionState section = EventWriter.JSON.treeToValue(record.data(), SectionState.class);
                        sections.put(section.id(), section);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("PLAN/" + measure.planId());
        scopes.add("TASK/" + measure.taskId());
        for (String section = measure.sectionId(); section != null; section = sections.get(section).parentId()) {
            scopes.add("SECTION/" + section);
        }
        // Its own delivery for lead and responsible departments (a group for each member), apart for those only assisting.
        List<String> accountable = Assignments.departments(measure.assignments().stream()
                .filter(assignment -> !"ASSISTING".equals(assignment.role())).toList());
        accountable.forEach(code -> scopes.add("DEPARTMENT/" + code));
        Assignments.departments(measure.assignments(), AssignmentRole.ASSISTING).stream().filter(code -> !accountable.contains(code))
                .forEach(code -> scopes.add("DEPARTMENT_ASSISTING/" + code));
        return scopes;
    }

    /** The last seed measure that matches, skipping {@code skip} earlier matches from the end. */
    private static MeasureState lastOf(Predicate<MeasureState> matching, int skip) {
        List<MeasureState> matches = new ArrayList<>(SeedCatalogue.measures().stream()
                .filter(matching).filter(measure -> !measure.text().contains(ROADS)).toList());
        assertTrue(matches.size() > skip, "not enough seed measures match");
        return matches.get(matches.size() - 1 - skip);
    }

    private static MeasureState lastOf(Predicate<MeasureState> matching) {
        return lastOf(matching, 0);
    }

    private static boolean isOngoing(MeasureState measure) {
        return measure.deadline() != null && "ONGOING".equals(measure.deadline().kind());
    }

    private static boolean isDueBy(MeasureState measure, LocalDate date) {
        return measure.deadline() != null && "DATE".equals(measure.deadline().kind()) && date.equals(measure.deadline().end());
    }

    private static boolean hasGroup(MeasureState measure) {
        return measure.assignments().stream().anyMatch(assignment -> assignment.groupCode() != null);
    }

    private static String scopeOf(ConsumerRecord<String, String> record) {
        RollupChanged rollup = rollupOf(record);
        return rollup.scopeType() + "/" + rollup.scopeId();
    }

    private void sendStatus(EventWriter writer, Map<String, Long> sequences, MeasureState measure, ReportStatus status,
            DeliveryState state, Boolean onTime, String lastReportedPeriod) {
        long sequence = sequences.containsKey(measure.id()) ? sequences.get(measure.id()) + 1 : nextSequence(measure.id());
        sequences.put(measure.id(), sequence);
        send(writer, measure.id(), ProgressEvents.MEASURE_STATUS_CHANGED, status(measure, sequence, status, state, onTime, lastReportedPeriod));
    }

    private static void sendReport(EventWriter writer, Map<String, Long> revisions, MeasureState measure, String reportId,
            long revision, WorkflowState state) {
        revisions.put(reportId, revision);
        ProgressEvents kind = switch (state) {
            case APPROVED -> ProgressEvents.REPORT_APPROVED;
            case RETURNED -> ProgressEvents.REPORT_RETURNED;
            default -> ProgressEvents.REPORT_SUBMITTED;
        };
        send(writer, measure.id(), kind, new ReportEvent(reportId, revision, measure.id(), measure.planId(), measure.taskId(),
                PERIOD, "MONTHLY", state, ReportStatus.ON_TRACK, 40, "按计划推进", List.of(), "ENV", "LEAD",
                "reporter@ecoplan.test", Instant.now(), null, null, null, 0));
    }

    private static void send(EventWriter writer, String measureId, ProgressEvents kind, Object payload) {
        writer.send(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measureId, kind.eventType(), payload);
    }

    /** As progress-service publishes it: the official status with the delivery state it decided. */
    private static MeasureStatusChanged status(MeasureState measure, long sequence, ReportStatus status, DeliveryState state,
            Boolean onTime, String lastReportedPeriod) {
        LocalDate deadline = isOngoing(measure) ? null : measure.deadline().end();
        boolean completed = status == ReportStatus.COMPLETED;
        boolean overdue = state == DeliveryState.OVERDUE;
        DeliveryAssessment delivery = new DeliveryAssessment(state, state.chineseName(), TODAY, null, deadline, null, null,
                overdue ? TODAY.minusDays(3) : null, overdue ? 3 : null);
        return new MeasureStatusChanged(measure.id(), sequence, measure.planId(), measure.taskId(), status, null, overdue,
                completed ? 100 : 40, deadline, completed ? TODAY : null, onTime, null, lastReportedPeriod, Instant.now(),
                delivery, null);
    }
}
