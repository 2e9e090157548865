package org.ecoplan.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ecoplan.testing.contract.AsyncApiContract;

/**
 * Reads records back from the test broker ({@link TestInfrastructure#bootstrapServers()}), from the
 * beginning of a topic, committed records only ({@code read_committed}), without joining a consumer
 * group. Topics are shared by all tests of a JVM: match on something your test made (an id, a key).
 * Waits for a topic that does not exist yet rather than creating it.
 * <p>
 * Every record read is held to {@code asyncapi.yaml} ({@link AsyncApiContract}): an event a service published
 * with an undocumented type, without the CloudEvents headers, or with a payload its schema does not allow fails
 * the test that reads it. Records a test wrote itself through {@link EventWriter} are not checked.
 */
public final class EventReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private EventReader() {
    }

    /**
     * Reads {@code topic} from its beginning until a record matches {@code until}.
     *
     * @return every record read, up to and including the first match (in the order polled; ordered
     *         per partition)
     * @throws AssertionError if no record matches within {@code timeout}, listing what was read
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic,
            Predicate<ConsumerRecord<String, String>> until, Duration timeout) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        boolean found = consume(topic, timeout, record -> {
            read.add(record);
            return until.test(record);
        });
        if (!found) {
            throw new AssertionError("No matching record on " + topic + " within " + timeout + "; read "
                    + describe(read));
        }
        return read;
    }

    /**
     * Waits until {@code count} records on {@code topic} match.
     *
     * @return the first {@code count} matching records
     * @throws AssertionError if fewer arrive within {@code timeout}
     */
    public static List<ConsumerRecord<String, String>> awaitRecords(String topic,
            Predicate<ConsumerRecord<String, String>> matching, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        boolean found = consume(topic, timeout, record -> {
            read.add(record);
            if (matching.test(record)) {
                matches.add(record);
            }
            return matches.size() >= count;
        });
        if (!found) {
            throw new AssertionError("Expected " + count + " matching records on " + topic + " within " + timeout
                    + ", got " + matches.size() + "; read " + describe(read));
        }
        return matches;
    }

    /** @return the first record on {@code topic} that matches, waiting up to {@code timeout} */
    public static ConsumerRecord<String, String> awaitRecord(String topic,
            Predicate<ConsumerRecord<String, String>> matching, Duration timeout) {
        return awaitRecords(topic, matching, 1, timeout).get(0);
    }

    /**
     * Reads what {@code topic} holds now: everything up to the end offsets seen at the start (an
     * empty list if the topic does not exist). For "nothing was published" checks, wait for the
     * positive case of another record first, then look.
     */
    public static List<ConsumerRecord<String, String>> readCurrent(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            if (partitions == null || partitions.isEmpty()) {
                return read;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (assigned.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " up to " + end + " within 30 s");
                }
                consumer.poll(POLL).forEach(record -> {
                    AsyncApiContract.check(record);
                    read.add(record);
                });
            }
            return read;
        }
    }

    /** @return the value of the last header called {@code name}, as UTF-8 text */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** @return true once {@code stop} returned true for a record, false on timeout */
    private static boolean consume(String topic, Duration timeout, Predicate<ConsumerRecord<String, String>> stop) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> assigned = List.of();
            while (System.nanoTime() < deadline) {
                if (assigned.isEmpty()) {
                    assigned = partitionsOf(consumer, topic);
                    if (assigned.isEmpty()) {
                        sleep(POLL);
                        continue;
                    }
                    consumer.assign(assigned);
                    consumer.seekToBeginning(assigned);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    AsyncApiContract.check(record);
                    if (stop.test(record)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        return partitions == null ? List.of()
                : partitions.stream().map(partition -> new TopicPartition(topic, partition.partition())).toList();
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ecoplan-test-event-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static String describe(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return "nothing";
        }
        return records.size() + " records:\n" + records.stream()
                .map(record -> "  " + record.partition() + "@" + record.offset() + " key=" + record.key()
                        + " value=" + abbreviate(record.value()))
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 300 ? value : value.substring(0, 300) + "…";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
