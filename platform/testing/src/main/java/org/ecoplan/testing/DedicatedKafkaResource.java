package org.ecoplan.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ecoplan.infrastructure.FreePort;
import org.ecoplan.infrastructure.KafkaBroker;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared test broker must never go down, so a test that stops Kafka gets a broker of its own:
 * started here on fixed ports in its own data folder, so that the test can stop it ({@link #stopBroker()})
 * and start it again on the same folder and ports ({@link #startBroker()}). PostgreSQL is the shared one.
 * Use it on its own test class: {@code @WithTestResource(DedicatedKafkaResource.class)}.
 */
public class DedicatedKafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATA_DIRECTORY = "ecoplan.test.dedicated-kafka.data-directory";
    public static final String PORT = "ecoplan.test.dedicated-kafka.port";
    public static final String CONTROLLER_PORT = "ecoplan.test.dedicated-kafka.controller-port";

    private Path dataDirectory;

    @Override
    public Map<String, String> start() {
        dataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "dedicated-kafka-" + UUID.randomUUID());
        int port = FreePort.pick();
        int controllerPort = FreePort.pick();
        KafkaBroker broker = KafkaBroker.start(dataDirectory, port, controllerPort);

        var config = new HashMap<>(TestInfrastructure.quarkusConfig());
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put(DATA_DIRECTORY, dataDirectory.toString());
        config.put(PORT, String.valueOf(port));
        config.put(CONTROLLER_PORT, String.valueOf(controllerPort));
        // Notice the broker's return quickly.
        config.put("ecoplan.events.poll-interval", "1s");
        config.put("ecoplan.events.send-timeout", "3s");
        config.put("ecoplan.events.max-backoff", "2s");
        return config;
    }

    @Override
    public void stop() {
        if (dataDirectory != null) {
            KafkaBroker.stopLeftover(dataDirectory);
        }
    }

    // The helpers below read the application's configuration, not injected values: every test class is a bean
    // of every test application, and the others have no dedicated broker.

    /** Stops the dedicated broker of the running test application. */
    public static void stopBroker() {
        KafkaBroker.stopLeftover(config().getValue(DATA_DIRECTORY, Path.class));
    }

    /** Starts the dedicated broker again, on its folder and ports, unless it is running. */
    public static void startBroker() {
        Config config = config();
        int port = config.getValue(PORT, Integer.class);
        if (!FreePort.isListening(port)) {
            KafkaBroker.start(config.getValue(DATA_DIRECTORY, Path.class), port, config.getValue(CONTROLLER_PORT, Integer.class));
        }
    }

    /**
     * Reads {@code topic} of the dedicated broker from the beginning until {@code count} records match
     * ({@link EventReader} reads the shared broker).
     *
     * @return the matching records, in partition order
     * @throws AssertionError if fewer arrive within {@code timeout}
     */
    public static List<ConsumerRecord<String, String>> awaitRecords(String topic,
            Predicate<ConsumerRecord<String, String>> matching, int count, Duration timeout) {
        var settings = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var matches = new ArrayList<ConsumerRecord<String, String>>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            while (System.nanoTime() < deadline && matches.size() < count) {
                if (consumer.assignment().isEmpty()) {
                    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                    if (partitions == null || partitions.isEmpty()) {
                        continue;
                    }
                    var assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                    consumer.assign(assigned);
                    consumer.seekToBeginning(assigned);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (matching.test(record)) {
                        matches.add(record);
                    }
                });
            }
        }
        if (matches.size() < count) {
            throw new AssertionError("Expected " + count + " matching records on " + topic + " of the dedicated broker within "
                    + timeout + ", got " + matches.size());
        }
        return matches.subList(0, count);
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
