package org.ecoplan.indicator.rollup.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.indicator.rollup.RollupService;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.web.problem.ProblemException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;

/**
 * Rebuilds the roll-ups from {@code ecoplan.progress} alone (which keeps every event: README "Replay that does not
 * forget"): clears the per-measure state, reads the topic
 * from its beginning up to the end offsets seen at the start (its own consumer, no group, so the live
 * consumer's position is untouched), applies every event, then recomputes and publishes the scopes whose
 * figures differ. All of it in one transaction under the exclusive roll-up lock: the live consumers (of every
 * instance) wait until it commits and then apply what came after, and nobody sees the state half rebuilt. One
 * rebuild at a time across instances; a second one is refused (409).
 */
@ApplicationScoped
public class ProgressReplay {

    /** Records per poll, and so per batch of statements. */
    private static final int EVENTS_PER_POLL = 2000;

    private final Map<String, Object> kafkaConfig;
    private final ProgressEventHandler handler;
    private final RollupService rollups;
    private final Duration timeout;

    ProgressReplay(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ProgressEventHandler handler,
            RollupService rollups, @ConfigProperty(name = "ecoplan.indicator.rollups.rebuild-timeout", defaultValue = "10m") Duration timeout) {
        this.kafkaConfig = kafkaConfig;
        this.handler = handler;
        this.rollups = rollups;
        this.timeout = timeout;
    }

    /** What a replay did. */
    public record Outcome(int eventsRead, int eventsApplied, int malformed, int scopesChanged) {
    }

    /** @throws ProblemException 409 if a rebuild runs already (here or on another instance) */
    public Outcome rebuild() {
        return rebuildFrom(ProgressEvents.TOPIC);
    }

    /** The rebuild from another topic with progress events: for a test that must control the topic's whole life. */
    Outcome rebuildFrom(String topic) {
        return QuarkusTransaction.requiringNew().timeout((int) timeout.toSeconds()).call(() -> {
            if (!rollups.lockForRebuild()) {
                throw ProblemException.conflict("a roll-up rebuild is running already; try again when it is done / 汇总重建正在进行");
            }
            return replay(topic);
        });
    }

    private Outcome replay(String topic) {
        rollups.clearProgressState();
        int read = 0;
        int applied = 0;
        int malformed = 0;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<TopicPartition> assigned = partitions == null ? List.of()
                    : partitions.stream().map(partition -> new TopicPartition(topic, partition.partition())).toList();
            if (!assigned.isEmpty()) {
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(assigned));
                while (assigned.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                            batch.add(record);
                        }
                    }
                    // A poll's events go to the database together: the newest state per measure and report in a few
                    // statements, the outcome of applying them one by one.
                    List<MeasureStatusChanged> statuses = new ArrayList<>();
                    List<ReportEvent> reports = new ArrayList<>();
                    for (ConsumerRecord<String, String> record : batch) {
                        read++;
                        try {
                            handler.read(IncomingEvent.from(record)).ifPresent(event -> {
                                if (event instanceof MeasureStatusChanged status) {
                                    statuses.add(status);
                                } else if (event instanceof ReportEvent report) {
                                    reports.add(report);
                                }
                            });
                        } catch (MalformedEventException e) {
                            malformed++;
                            Log.warnf("Replay skipped %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                        }
                    }
                    applied += rollups.applyAll(statuses, reports);
                }
            }
        }
        int changed = rollups.recomputeAll();
        Log.infof("Replayed %s: %d events read, %d applied, %d malformed; %d roll-up(s) changed", topic,
                read, applied, malformed, changed);
        return new Outcome(read, applied, malformed, changed);
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> settings = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafkaConfig.forEach((key, value) -> {
            if (known.contains(key)) {
                settings.put(key, value);
            }
        });
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "indicator-service-progress-replay");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, EVENTS_PER_POLL);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }
}
