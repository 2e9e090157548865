package org.ecoplan.progress.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ProgressReplicaTest {

    private static final Instant NOW = Instant.parse("2026-06-10T08:00:00Z");

    @Inject
    ProgressReplica replica;

    @Inject
    DataSource dataSource;

    @Test
    void keepsTheGreatestSequenceOfAMeasure() {
        String measureId = UUID.randomUUID().toString();

        assertTrue(replica.apply(status(measureId, 2, ReportStatus.ON_TRACK, "2026-05"), NOW));
        assertFalse(replica.apply(status(measureId, 1, ReportStatus.DELAYED, "2026-04"), NOW), "an older sequence");
        assertFalse(replica.apply(status(measureId, 2, ReportStatus.DELAYED, "2026-04"), NOW), "the same sequence again");

        MeasureProgress stored = replica.find(measureId).orElseThrow();
        assertEquals(2, stored.sequence());
        assertEquals(ReportStatus.ON_TRACK, stored.status());
        assertEquals("2026-05", stored.lastReportedPeriod());
        assertEquals(delivery(2), stored.delivery());
        assertEquals(DeliveryState.BEHIND_PACE, stored.deliveryState());

        assertTrue(replica.apply(status(measureId, 3, ReportStatus.COMPLETED, "2026-06"), NOW));
        assertEquals(ReportStatus.COMPLETED, replica.find(measureId).orElseThrow().status());
    }

    @Test
    void keepsTheGreatestRevisionOfAReport() {
        String reportId = UUID.randomUUID().toString();

        assertTrue(replica.apply(report(reportId, "m", 2, WorkflowState.APPROVED), NOW));
        assertFalse(replica.apply(report(reportId, "m", 1, WorkflowState.SUBMITTED), NOW), "an older revision");
        assertFalse(replica.apply(report(reportId, "m", 2, WorkflowState.RETURNED), NOW), "the same revision again");

        assertEquals(Optional.of(2L), replica.reportRevision(reportId));
        assertEquals(Optional.empty(), replica.reportRevision(UUID.randomUUID().toString()));
    }

    /**
     * Two replicas' batches may hold the same measures while a partition moves to the other: each locks its rows in
     * the order of their keys, whatever order the topic gave, so neither can hold one row while it waits for another
     * that the other holds. Here the batch names z before a; another transaction holds a: the batch must wait for a
     * without having locked z.
     */
    @Test
    void aBatchLocksItsRowsInKeyOrder() throws Exception {
        String prefix = UUID.randomUUID() + "-";
        String a = prefix + "a";
        String z = prefix + "z";
        replica.apply(status(a, 1, ReportStatus.ON_TRACK, "2026-05"), NOW);
        replica.apply(status(z, 1, ReportStatus.ON_TRACK, "2026-05"), NOW);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            lock(holder, a, "");
            Future<List<MeasureStatusChanged>> batch = other.submit(() -> QuarkusTransaction.requiringNew().call(() ->
                    replica.applyStatuses(List.of(status(z, 2, ReportStatus.DELAYED, "2026-06"),
                            status(a, 2, ReportStatus.DELAYED, "2026-06")), NOW)));
            long until = System.nanoTime() + 30_000_000_000L;
            while (!waitingForALock(holder)) {
                assertTrue(System.nanoTime() < until, "the batch never waited for the held row");
                Thread.sleep(50);
            }
            // Fails at once (lock_not_available) if the batch locked z before it came to wait for a.
            lock(holder, z, " nowait");
            holder.rollback();
            assertEquals(2, batch.get(30, TimeUnit.SECONDS).size());
        } finally {
            other.shutdownNow();
        }
        assertEquals(2, replica.find(a).orElseThrow().sequence());
        assertEquals(2, replica.find(z).orElseThrow().sequence());
    }

    private static void lock(Connection connection, String measureId, String mode) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select 1 from progress_replica_measure where measure_id = ? for update" + mode)) {
            statement.setString(1, measureId);
            statement.executeQuery().close();
        }
    }

    private static boolean waitingForALock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select count(*) from pg_locks where not granted");
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1) > 0;
        }
    }

    @Test
    void aBatchEndsAsTheSameEventsOneByOne() {
        // The same shuffled events, repeated and stale ones included, for two sets of measures and reports: one set
        // applied one by one, the other in two batches.
        String single = UUID.randomUUID() + "-";
        String batched = UUID.randomUUID() + "-";
        Random random = new Random(16);
        List<long[]> draws = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            draws.add(new long[] {random.nextInt(6), 1 + random.nextInt(5)});
        }
        int appliedOneByOne = 0;
        for (long[] draw : draws) {
            appliedOneByOne += replica.apply(status(single + draw[0], draw[1], ReportStatus.values()[(int) draw[1] % 5], "2026-0" + draw[1]), NOW) ? 1 : 0;
            appliedOneByOne += replica.apply(report(single + draw[0], single + "m", draw[1], WorkflowState.values()[(int) draw[1] % 3]), NOW) ? 1 : 0;
        }
        List<MeasureStatusChanged> statuses = draws.subList(0, 30).stream().map(draw ->
                status(batched + draw[0], draw[1], ReportStatus.values()[(int) draw[1] % 5], "2026-0" + draw[1])).toList();
        List<ReportEvent> reports = draws.subList(0, 30).stream().map(draw ->
                report(batched + draw[0], batched + "m", draw[1], WorkflowState.values()[(int) draw[1] % 3])).toList();
        int appliedInBatches = QuarkusTransaction.requiringNew().call(() ->
                replica.applyStatuses(statuses, NOW).size() + replica.applyReports(reports, NOW));
        List<MeasureStatusChanged> laterStatuses = draws.subList(30, 60).stream().map(draw ->
                status(batched + draw[0], draw[1], ReportStatus.values()[(int) draw[1] % 5], "2026-0" + draw[1])).toList();
        List<ReportEvent> laterReports = draws.subList(30, 60).stream().map(draw ->
                report(batched + draw[0], batched + "m", draw[1], WorkflowState.values()[(int) draw[1] % 3])).toList();
        appliedInBatches += QuarkusTransaction.requiringNew().call(() ->
                replica.applyStatuses(laterStatuses, NOW).size() + replica.applyReports(laterReports, NOW));

        assertEquals(appliedOneByOne, appliedInBatches);
        for (int measure = 0; measure < 6; measure++) {
            assertEquals(replica.find(single + measure).map(ProgressReplicaTest::withoutId),
                    replica.find(batched + measure).map(ProgressReplicaTest::withoutId));
            assertEquals(replica.reportRevision(single + measure), replica.reportRevision(batched + measure));
        }
    }

    @Test
    void aNotedPeriodNeverGoesBackAndTheFirstStatusReplacesThePlaceholder() {
        String measureId = UUID.randomUUID().toString();

        replica.noteReportedPeriod(measureId, "2026-05", NOW);
        replica.noteReportedPeriod(measureId, "2026-04", NOW);
        MeasureProgress noted = replica.find(measureId).orElseThrow();
        assertEquals(-1, noted.sequence());
        assertEquals(ReportStatus.NOT_STARTED, noted.status());
        assertEquals("2026-05", noted.latestReportedPeriod());

        assertTrue(replica.apply(status(measureId, 0, ReportStatus.ON_TRACK, "2026-03"), NOW));
        MeasureProgress stored = replica.find(measureId).orElseThrow();
        assertEquals(ReportStatus.ON_TRACK, stored.status());
        assertEquals("2026-03", stored.lastReportedPeriod());
        assertEquals("2026-05", stored.latestReportedPeriod());
        assertEquals(List.of(stored), replica.findAll(List.of(measureId, UUID.randomUUID().toString())));
    }

    private static MeasureProgress withoutId(MeasureProgress progress) {
        return new MeasureProgress(null, progress.sequence(), progress.status(), progress.overdue(), progress.deadline(),
                progress.percentComplete(), progress.completedOn(), progress.completedOnTime(), progress.lastReportedPeriod(),
                progress.notedReportedPeriod(), progress.basedOnReportId(), progress.changedAt(), progress.delivery(),
                progress.lastApprovedAt(), progress.updatedAt());
    }

    private static MeasureStatusChanged status(String measureId, long sequence, ReportStatus status, String period) {
        return new MeasureStatusChanged(measureId, sequence, "plan", "task", status, null, sequence % 2 == 0,
                (int) sequence * 10, LocalDate.of(2026, 12, 31), null, null, "report-" + sequence, period,
                NOW.minusSeconds(sequence), delivery(sequence), null);
    }

    private static DeliveryAssessment delivery(long sequence) {
        return DeliveryAssessment.of(DeliveryState.BEHIND_PACE, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), 42, 42 - (int) sequence * 10, null, null);
    }

    private static ReportEvent report(String reportId, String measureId, long revision, WorkflowState state) {
        return new ReportEvent(reportId, revision, measureId, "plan", "task", "2026-05", "MONTHLY", state,
                ReportStatus.ON_TRACK, 40, "", List.of(), "YQ-ST", "LEAD", "reporter", NOW, null, null, null, 0);
    }
}
