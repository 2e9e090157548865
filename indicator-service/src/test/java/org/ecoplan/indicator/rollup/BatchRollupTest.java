package org.ecoplan.indicator.rollup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.ecoplan.indicator.rollup.RollupRecords.isRollupChanged;
import static org.ecoplan.indicator.rollup.RollupRecords.rollupOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.RollupChanged;
import org.ecoplan.indicator.contract.ScopeType;
import org.ecoplan.indicator.rollup.events.ProgressEventHandler;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.MeasuredValue;
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
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The roll-up consumer takes a poll's records together (issue 16, "batch per poll"): one transaction, the newest state
 * per measure whatever order the batch holds, each scope published once with the batch's last figures; one bad record
 * is dead-lettered alone; two replicas' batches over shared scopes neither deadlock nor lose an update. Uses measures
 * from the middle of the largest seed plan, which other test classes leave alone, and sequences after the stored ones.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class BatchRollupTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 7, 10);
    private static final String CONSUMER = "progress-rollups";

    @Inject
    BusinessClock clock;

    @Inject
    RollupService rollups;

    @Inject
    ProgressReplica progressReplica;

    @Inject
    EventConsumption consumption;

    @Inject
    ProgressEventHandler handler;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void startFromFiguresOfToday() {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(TODAY, 10);
        rollups.recomputeAll();
    }

    @Test
    void appliesAPollInOneTransactionKeepsTheNewestStateAndPublishesEachScopeOnce() {
        List<MeasureState> measures = measures(0, 3);
        String planId = measures.get(0).planId();
        long planBefore = planSequence(planId);
        Map<String, Long> expected = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        // One partition, one produce request: the records land in one record batch, which the consumer fetches in one poll.
        try (EventWriter writer = new EventWriter("/ecoplan/progress-service", 0)) {
            writer.together(() -> {
                MeasureState first = measures.get(0);
                long next = nextSequence(first.id());
                ids.add(send(writer, status(first, next + 1, DeliveryState.AT_RISK)));
                // Older, and later in the same batch: must not overwrite the newer state.
                ids.add(send(writer, status(first, next, DeliveryState.ON_TRACK)));
                expected.put(first.id(), next + 1);
                for (MeasureState measure : measures.subList(1, measures.size())) {
                    long sequence = nextSequence(measure.id());
                    ids.add(send(writer, status(measure, sequence, DeliveryState.AT_RISK)));
                    expected.put(measure.id(), sequence);
                }
            });
        }
        awaitSequences(expected);

        assertEquals(DeliveryState.AT_RISK, progressOf(measures.get(0).id()).deliveryState(), "the newest state wins");
        assertEquals(1, transactionsOf(ids), "the poll's " + ids.size() + " records were applied in one transaction");
        long planAfter = planSequence(planId);
        assertEquals(planBefore + 1, planAfter, "the plan's figures are published once for the whole batch");
        RollupChanged published = rollupOf(EventReader.awaitRecord(IndicatorEvents.TOPIC,
                record -> planId.equals(record.key()) && isRollupChanged(record) && rollupOf(record).sequence() == planAfter,
                Duration.ofSeconds(30)));
        Rollup stored = QuarkusTransaction.requiringNew().call(() -> Rollup.<Rollup>findById(new Rollup.Key(ScopeType.PLAN, planId)));
        assertEquals(stored.atRisk, published.atRisk(), "the published figures are the batch's last");
        assertEquals(0, rollups.recomputeAll(), "scopes whose figures the batch left different from a full recomputation");
    }

    @Test
    void setsABadRecordAsideAndAppliesTheGoodRecordsOfItsPoll() {
        List<MeasureState> measures = measures(3, 2);
        Map<String, Long> expected = new HashMap<>();
        UUID[] bad = new UUID[1];
        try (EventWriter writer = new EventWriter("/ecoplan/progress-service", 0)) {
            writer.together(() -> {
                for (MeasureState measure : measures) {
                    long sequence = nextSequence(measure.id());
                    send(writer, status(measure, sequence, DeliveryState.AT_RISK));
                    expected.put(measure.id(), sequence);
                    if (bad[0] == null) {
                        // A value out of the contract's range, as an older producer accepted: never applicable.
                        bad[0] = send(writer, new ReportEvent("report-batch-overflow-" + UUID.randomUUID(), 2, measure.id(),
                                measure.planId(), measure.taskId(), "2026-06", "MONTHLY", WorkflowState.APPROVED,
                                ReportStatus.ON_TRACK, 50, "进展正常",
                                List.of(new MeasuredValue("完成率", new BigDecimal("1E+15"), "%", null)), "ENV", "LEAD",
                                "reporter@ecoplan.test", Instant.now(), "supervisor@ecoplan.test", Instant.now(), null, 0));
                    }
                }
            });
        }
        awaitSequences(expected);
        List<Map<String, Object>> letters = given().header("Authorization", Tokens.bearer(Roles.ADMIN, null))
                .queryParam("consumer", CONSUMER).queryParam("size", 500).get("/dead-letters").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertEquals(1, letters.stream().filter(letter -> bad[0].toString().equals(letter.get("eventId"))).count(),
                "the bad record is set aside: " + letters);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * Two replicas share the topic's partitions; while a partition moves, both may hold batches of the same measures,
     * and their measures always share scopes (plan, departments). Each round both apply a batch at the same moment,
     * over overlapping measures in opposite orders, through the consumer's own batch path.
     */
    @Test
    void twoReplicasBatchesOverSharedScopesNeitherDeadlockNorLoseAnUpdate() throws Exception {
        List<MeasureState> measures = measures(5, 8);
        String planId = measures.get(0).planId();
        long planBefore = planSequence(planId);
        double contentionBefore = count("contention");
        Map<String, Long> base = new HashMap<>();
        measures.forEach(measure -> base.put(measure.id(), nextSequence(measure.id())));
        List<MeasureState> first = measures.subList(0, 6);
        List<MeasureState> second = new ArrayList<>(measures.subList(2, 8));
        second.sort(Comparator.comparing(MeasureState::id).reversed());
        int rounds = 6;
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                int r = round;
                DeliveryState state = round % 2 == 0 ? DeliveryState.AT_RISK : DeliveryState.ON_TRACK;
                List<Future<?>> done = new ArrayList<>();
                for (List<MeasureState> batch : List.of(first, second)) {
                    List<ConsumerRecord<String, String>> records = new ArrayList<>();
                    for (MeasureState measure : batch) {
                        records.add(record(records.size(), status(measure, base.get(measure.id()) + r, state)));
                    }
                    done.add(replicas.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return consumption.consumeBatch(handler, records);
                    }));
                }
                for (Future<?> batch : done) {
                    batch.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            replicas.shutdownNow();
        }

        Map<String, Long> expected = new HashMap<>();
        base.forEach((measure, sequence) -> expected.put(measure, sequence + rounds - 1));
        awaitSequences(expected);
        assertEquals(contentionBefore, count("contention"), "no deadlock or serialization failure was retried");
        assertEquals(0, rollups.recomputeAll(), "an update lost between the replicas would leave figures different");
        // Each of the plan's new sequences was handed out once, none skipped: the scope locks kept the batches apart.
        long planAfter = planSequence(planId);
        assertTrue(planAfter >= planBefore + rounds, "every round changed the plan: " + planBefore + " → " + planAfter);
        List<Long> published = EventReader.awaitRecords(IndicatorEvents.TOPIC,
                record -> planId.equals(record.key()) && isRollupChanged(record) && rollupOf(record).sequence() > planBefore,
                (int) (planAfter - planBefore), Duration.ofSeconds(30)).stream().map(record -> rollupOf(record).sequence()).sorted().toList();
        assertEquals(java.util.stream.LongStream.rangeClosed(planBefore + 1, planAfter).boxed().toList(), published);
    }

    /** {@code count} seed measures of the largest plan, from its middle on (plus {@code skip}). */
    private static List<MeasureState> measures(int skip, int count) {
        Map<String, List<MeasureState>> byPlan = SeedCatalogue.measures().stream()
                .collect(Collectors.groupingBy(MeasureState::planId));
        List<MeasureState> largest = byPlan.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        int from = largest.size() / 3 + skip;
        assertTrue(largest.size() >= from + count, "the largest plan has " + largest.size() + " measures");
        return largest.subList(from, from + count);
    }

    private static MeasureStatusChanged status(MeasureState measure, long sequence, DeliveryState state) {
        LocalDate deadline = measure.deadline() == null ? null : measure.deadline().end();
        DeliveryAssessment delivery = new DeliveryAssessment(state, state.chineseName(), TODAY, null, deadline, null, null, null, null);
        ReportStatus status = state == DeliveryState.AT_RISK ? ReportStatus.AT_RISK : ReportStatus.ON_TRACK;
        return new MeasureStatusChanged(measure.id(), sequence, measure.planId(), measure.taskId(), status, null, false, 40,
                deadline, null, null, null, null, Instant.now(), delivery, null);
    }

    private static UUID send(EventWriter writer, Object event) {
        String measureId = event instanceof MeasureStatusChanged status ? status.measureId() : ((ReportEvent) event).measureId();
        ProgressEvents kind = event instanceof MeasureStatusChanged ? ProgressEvents.MEASURE_STATUS_CHANGED : ProgressEvents.REPORT_APPROVED;
        return writer.send(ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measureId, kind.eventType(), event);
    }

    /** A record as the consumer would get it from the topic, CloudEvents binary mode. */
    private static ConsumerRecord<String, String> record(long offset, MeasureStatusChanged status) {
        String json;
        try {
            json = EventWriter.JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ConsumerRecord<String, String> record = new ConsumerRecord<>(ProgressEvents.TOPIC, 0, offset, status.measureId(), json);
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_source", "/ecoplan/progress-service", "ce_type", ProgressEvents.MEASURE_STATUS_CHANGED.eventType(),
                "ce_time", Instant.now().toString(), "ce_subject", status.measureId(),
                "ce_aggregatetype", ProgressEvents.AGGREGATE_TYPE, "content-type", "application/json");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private void awaitSequences(Map<String, Long> expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> expected.entrySet().stream().allMatch(entry -> {
            MeasureProgress row = progressOf(entry.getKey());
            return row != null && row.sequence() == entry.getValue();
        }));
    }

    private MeasureProgress progressOf(String measureId) {
        return QuarkusTransaction.requiringNew().call(() -> progressReplica.find(measureId).orElse(null));
    }

    private long nextSequence(String measureId) {
        MeasureProgress current = progressOf(measureId);
        return current == null ? 1 : current.sequence() + 1;
    }

    private static long planSequence(String planId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Rollup rollup = Rollup.findById(new Rollup.Key(ScopeType.PLAN, planId));
            return rollup == null ? 0 : rollup.sequence;
        });
    }

    /** How many database transactions recorded the events as processed (their rows' xmin). */
    private int transactionsOf(List<UUID> ids) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select count(distinct xmin::text) from processed_event where consumer = ? and event_id = any(?)")) {
            query.setString(1, CONSUMER);
            query.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
            try (var result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double count(String kind) {
        Counter counter = metrics.find("ecoplan.events.consumer.retries").tag("consumer", CONSUMER).tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }
}
