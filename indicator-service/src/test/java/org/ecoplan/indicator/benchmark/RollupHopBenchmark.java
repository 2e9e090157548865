package org.ecoplan.indicator.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.rollup.events.ProgressReplay;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.Profile;
import org.ecoplan.testing.ReadLatency;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.TestInfrastructure;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The roll-up hop against Kafka's own limit on the same broker (issue 16): Kafka's end-to-end latency (acks=all,
 * 1 KB, one at a time, as {@code kafka.tools.EndToEndLatency} measures it), then a state event on
 * {@code ecoplan.progress} until its plan's {@code indicator.rollup-changed.v1} is on {@code ecoplan.indicator}
 * (two Kafka hops, the consumer, the roll-up, the outbox and its relay), one at a time; a burst (events per second
 * the consumer applies); and a rebuild over the topic against a plain consumer reading the same topic. Not part of
 * the suite: {@code mvn -B -pl indicator-service -am verify -Pbenchmark -Dtest=RollupHopBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Writes {@code indicator-service/target/benchmarks/rollup-hop.md}.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@Tag("benchmark")
class RollupHopBenchmark {

    private static final int ROUND_TRIPS = Integer.getInteger("benchmark.round-trips", 300);
    private static final int BURST = Integer.getInteger("benchmark.burst", 2000);
    private static final int REPLAYED = Integer.getInteger("benchmark.replayed", 50_000);
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    /** An async-profiler event (cpu, wall, alloc, lock) to profile the burst with; empty: no profile. */
    private static final String PROFILE = Profile.requested();

    @Inject
    BusinessClock clock;

    @Inject
    ProgressReplay replay;

    @Inject
    DataSource dataSource;

    private final Map<String, Long> sequences = new HashMap<>();

    @Test
    void rollupHopAgainstKafkasOwnLatency() throws Exception {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(TODAY, 10);
        List<MeasureState> measures = SeedCatalogue.measures().stream()
                .filter(measure -> measure.deadline() != null && measure.deadline().end() != null).toList();
        StringBuilder report = new StringBuilder("# The roll-up hop against Kafka's own latency\n\n");
        report.append(String.format("Seed catalogue (%d measures), one broker and one PostgreSQL shared with the service, "
                + "%s.%n%n| measure | p50 ms | p99 ms | max ms |%n|---|---:|---:|---:|%n", SeedCatalogue.measures().size(),
                Instant.now()));

        double[] kafka = kafkaEndToEnd();
        row(report, "Kafka end to end (acks=all, 1 KB), " + ROUND_TRIPS + " one at a time", kafka);

        try (EventWriter writer = new EventWriter("/ecoplan/progress-service");
                KafkaConsumer<String, String> indicator = consumer()) {
            TopicPartition[] partitions = indicator.partitionsFor(IndicatorEvents.TOPIC).stream()
                    .map(info -> new TopicPartition(IndicatorEvents.TOPIC, info.partition())).toArray(TopicPartition[]::new);
            indicator.assign(Arrays.asList(partitions));
            indicator.seekToEnd(Arrays.asList(partitions));
            Arrays.stream(partitions).forEach(indicator::position);
            // Every partition of the progress topic first: a partition's first record costs the roll-up consumer about
            // a second, once (SmallRye's commit strategy sets the partition up on the polling thread, which waits for
            // the poll in progress). That is start-up, not the hop; 75 warm-up events on the first measures left
            // some partitions for the measured ones (three one-second outliers in 300 on 1 December).
            Map<Integer, MeasureState> onePerPartition = new TreeMap<>();
            int progressPartitions = indicator.partitionsFor(ProgressEvents.TOPIC).size();
            for (MeasureState measure : measures) {
                onePerPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(measure.id().getBytes(StandardCharsets.UTF_8)))
                        % progressPartitions, measure);
            }
            for (MeasureState measure : onePerPartition.values()) {
                send(writer, measure, sequences.getOrDefault(measure.id(), 0L) % 2 == 0 ? ReportStatus.AT_RISK : ReportStatus.ON_TRACK);
                awaitRollupOf(indicator, measure.planId());
            }
            report.append(String.format("%nWarm-up: one event on each of the %d partitions of %s that the seed's measures "
                    + "hash to (%d), then %d more.%n%n", progressPartitions, ProgressEvents.TOPIC, onePerPartition.size(),
                    ROUND_TRIPS / 4));
            double[] hop = new double[ROUND_TRIPS];
            double[] toRecorded = new double[ROUND_TRIPS];
            double[] toSent = new double[ROUND_TRIPS];
            double[] toReceived = new double[ROUND_TRIPS];
            for (int i = 0; i < ROUND_TRIPS + ROUND_TRIPS / 4; i++) {
                MeasureState measure = measures.get(i % measures.size());
                long start = System.nanoTime();
                Instant sentAt = Instant.now();
                // Each event turns its measure at risk or back on track: its plan's figures change every time.
                send(writer, measure, sequences.getOrDefault(measure.id(), 0L) % 2 == 0 ? ReportStatus.AT_RISK : ReportStatus.ON_TRACK);
                ConsumerRecord<String, String> rollup = awaitRollupOf(indicator, measure.planId());
                Instant receivedAt = Instant.now();
                if (i >= ROUND_TRIPS / 4) {
                    int at = i - ROUND_TRIPS / 4;
                    hop[at] = (System.nanoTime() - start) / 1e6;
                    // Where the time goes, by the clocks the hop leaves behind: the roll-up event's ce_time is when the
                    // consumer recorded it in its transaction, the Kafka record's timestamp when the relay sent it.
                    Instant recordedAt = Instant.parse(EventReader.header(rollup, "ce_time").orElseThrow());
                    Instant relayedAt = Instant.ofEpochMilli(rollup.timestamp());
                    toRecorded[at] = Duration.between(sentAt, recordedAt).toNanos() / 1e6;
                    toSent[at] = Duration.between(recordedAt, relayedAt).toNanos() / 1e6;
                    toReceived[at] = Duration.between(relayedAt, receivedAt).toNanos() / 1e6;
                }
            }
            Arrays.sort(hop);
            row(report, "state event → plan's roll-up event, " + ROUND_TRIPS + " one at a time (after "
                    + ROUND_TRIPS / 4 + " warm-up)", hop);
            Arrays.sort(toRecorded);
            Arrays.sort(toSent);
            Arrays.sort(toReceived);
            row(report, "… of which: sent → roll-up recorded in the consumer's transaction (ce_time; Kafka, poll, apply)",
                    toRecorded);
            row(report, "… recorded → relayed (record timestamp, ms; commit, relay wake-up, outbox read, send)", toSent);
            row(report, "… relayed → received here (Kafka's second hop, ms)", toReceived);
            report.append(String.format("%nRatio of p99: **%.1f×** Kafka's (the hop crosses Kafka twice). Ratio of p50: %.1f×.%n",
                    ReadLatency.percentile(hop, 99) / ReadLatency.percentile(kafka, 99),
                    ReadLatency.percentile(hop, 50) / ReadLatency.percentile(kafka, 50)));

            // A burst: as fast as a producer sends them; how fast the consumer applies them.
            Profile profile = Profile.start(PROFILE);
            long burstStart = System.nanoTime();
            try (KafkaProducer<String, String> producer = producer()) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    MeasureState measure = measures.get(i % measures.size());
                    sent.add(producer.send(record(measure, i % 2 == 0 ? ReportStatus.DELAYED : ReportStatus.ON_TRACK)));
                }
                for (Future<RecordMetadata> future : sent) {
                    future.get();
                }
            }
            awaitApplied();
            double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
            report.append(String.format("%nBurst: %,d state events sent at once were all applied (their scopes "
                    + "recomputed, changes recorded for publication) %.1f s after the first was sent: **%.0f events/s**.%n",
                    BURST, burstSeconds, BURST / burstSeconds));
            profile.stopInto(report, "rollup-burst", "the burst");
        }

        // The rebuild over a topic of REPLAYED more events, against a plain consumer reading it.
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < REPLAYED; i++) {
                sent.add(producer.send(record(measures.get(i % measures.size()), ReportStatus.values()[i % 4])));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        }
        long readStart = System.nanoTime();
        long read = readWholeTopic();
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        long rebuildStart = System.nanoTime();
        ProgressReplay.Outcome outcome = replay.rebuild();
        double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
        report.append(String.format("%nRebuild: %,d events read (%,d applied) in %.1f s; a plain consumer reads the same "
                + "%,d records in %.1f s: **%.1f×**.%n", outcome.eventsRead(), outcome.eventsApplied(), rebuildSeconds, read,
                readSeconds, rebuildSeconds / readSeconds));

        System.out.println(report);
        Path file = Path.of("target/benchmarks/rollup-hop.md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder report, String label, double[] sorted) {
        report.append(String.format("| %s | %.1f | %.1f | %.1f |%n", label, ReadLatency.percentile(sorted, 50),
                ReadLatency.percentile(sorted, 99), sorted[sorted.length - 1]));
    }

    /** Until every measure's stored state is the last one sent. */
    private void awaitApplied() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Long> stored = new HashMap<>();
            try (Connection connection = dataSource.getConnection();
                    var rows = connection.createStatement().executeQuery("select measure_id, sequence from progress_replica_measure")) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getLong(2));
                }
            }
            if (sequences.entrySet().stream().allMatch(sent -> sent.getValue().equals(stored.get(sent.getKey())))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The burst was not applied within 10 minutes");
    }

    /** Waits for the next roll-up event of the plan (optionally containing a text). */
    private static ConsumerRecord<String, String> awaitRollupOf(KafkaConsumer<String, String> indicator, String planId,
            String... containing) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : indicator.poll(Duration.ofMillis(5))) {
                if (planId.equals(record.key()) && EventReader.header(record, "ce_type").orElse("")
                        .equals(IndicatorEvents.ROLLUP_CHANGED.eventType())
                        && (containing.length == 0 || record.value().contains(containing[0]))) {
                    return record;
                }
            }
        }
        throw new AssertionError("No roll-up event of plan " + planId + " within 2 minutes");
    }

    private double[] kafkaEndToEnd() throws Exception {
        String topic = "benchmark.end-to-end-" + UUID.randomUUID();
        String payload = "x".repeat(1024);
        double[] millis = new double[ROUND_TRIPS];
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> consumer = consumer()) {
            producer.send(new ProducerRecord<>(topic, "warm", payload)).get();
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < ROUND_TRIPS + ROUND_TRIPS / 4; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, 0, "k", payload)).get();
                while (consumer.poll(Duration.ofMillis(5)).isEmpty()) {
                    // until it arrives
                }
                if (i >= ROUND_TRIPS / 4) {
                    millis[i - ROUND_TRIPS / 4] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    private static long readWholeTopic() {
        long read = 0;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(ProgressEvents.TOPIC).stream()
                    .map(info -> new TopicPartition(ProgressEvents.TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        read++;
                    }
                }
            }
        }
        return read;
    }

    private void send(EventWriter writer, MeasureState measure, ReportStatus status) {
        writer.send(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                ProgressEvents.MEASURE_STATUS_CHANGED.eventType(), status(measure, status));
    }

    private ProducerRecord<String, String> record(MeasureState measure, ReportStatus status) {
        var headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_source", bytes("/ecoplan/progress-service"));
        headers.add("ce_type", bytes(ProgressEvents.MEASURE_STATUS_CHANGED.eventType()));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("ce_subject", bytes(measure.id()));
        headers.add("ce_aggregatetype", bytes(ProgressEvents.AGGREGATE_TYPE));
        headers.add("content-type", bytes("application/json"));
        try {
            return new ProducerRecord<>(ProgressEvents.TOPIC, null, measure.id(),
                    EventWriter.JSON.writeValueAsString(status(measure, status)), headers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As progress-service publishes it, with the next sequence of the measure. */
    private MeasureStatusChanged status(MeasureState measure, ReportStatus status) {
        // Far above what any other test sent; the first is odd, so the hop's toggle (even: at risk) alternates.
        long sequence = sequences.merge(measure.id(), 1_000_001L, (known, first) -> known + 1);
        LocalDate deadline = measure.deadline().end();
        DeliveryState state = switch (status) {
            case COMPLETED -> DeliveryState.COMPLETED_ON_TIME;
            case AT_RISK, DELAYED -> DeliveryState.AT_RISK;
            default -> DeliveryState.ON_TRACK;
        };
        return new MeasureStatusChanged(measure.id(), sequence, measure.planId(), measure.taskId(), status, null, false,
                status == ReportStatus.COMPLETED ? 100 : 40, deadline, status == ReportStatus.COMPLETED ? TODAY : null,
                status == ReportStatus.COMPLETED ? Boolean.TRUE : null, "report-" + sequence, "2026-06", Instant.now(),
                new DeliveryAssessment(state, state.chineseName(), TODAY, null, deadline, null, null, null, null), Instant.now());
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
