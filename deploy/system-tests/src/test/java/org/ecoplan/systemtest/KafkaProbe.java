package org.ecoplan.systemtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the broker from outside, as an operator would: each consumer group's lag (AdminClient: committed offsets
 * against the partitions' end offsets), and the events on a topic (a consumer without a group, assigned to every
 * partition).
 */
final class KafkaProbe implements AutoCloseable {

    private final String bootstrapServers;
    private final Admin admin;

    KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ecoplan-system-test-probe");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(config);
    }

    /**
     * @return every consumer group's lag (sum over its partitions of end offset − committed offset; a partition
     *         without a committed offset counts from the start), by group id
     * @throws IllegalStateException if the broker does not answer in time
     */
    Map<String, Long> lagByGroup() {
        try {
            Collection<ConsumerGroupListing> groups = admin.listConsumerGroups(new ListConsumerGroupsOptions())
                    .all().get(10, TimeUnit.SECONDS);
            Map<String, Long> lag = new TreeMap<>();
            for (ConsumerGroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, Long> ends = endOffsets(committed.keySet());
                long total = 0;
                for (var entry : ends.entrySet()) {
                    OffsetAndMetadata offset = committed.get(entry.getKey());
                    total += Math.max(0, entry.getValue() - (offset == null ? 0 : offset.offset()));
                }
                lag.put(group.groupId(), total);
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return per consumer group, the number of partitions each of its members holds (e.g. {@code [6, 6]}: two
     *         replicas sharing twelve partitions), by group id
     */
    Map<String, List<Integer>> partitionsPerMember() {
        try {
            List<String> ids = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList();
            Map<String, List<Integer>> members = new TreeMap<>();
            admin.describeConsumerGroups(ids).all().get(10, TimeUnit.SECONDS).forEach((id, group) -> members.put(id,
                    group.members().stream().map(member -> member.assignment().topicPartitions().size()).sorted().toList()));
            return members;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe the consumer groups: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return every consumer group's committed offsets, by group id */
    Map<String, Map<TopicPartition, Long>> committedByGroup() {
        try {
            Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, Long> offsets = new HashMap<>();
                admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                offsets.put(partition, offset.offset());
                            }
                        });
                committed.put(group.groupId(), offsets);
            }
            return committed;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return per topic its replication as created: {@code replicas=3 minIsr=2} (the fewest replicas of any partition,
     *         and the topic's {@code min.insync.replicas})
     */
    Map<String, String> replication(List<String> topics) {
        try {
            Map<String, String> replication = new TreeMap<>();
            var descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            var configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
            for (String topic : topics) {
                int replicas = descriptions.get(topic).partitions().stream()
                        .mapToInt(partition -> partition.replicas().size()).min().orElse(0);
                String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                        .get("min.insync.replicas").value();
                replication.put(topic, "replicas=" + replicas + " minIsr=" + minIsr);
            }
            return replication;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe " + topics + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the end offset of every partition of the given topics */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        topics.forEach(topic -> ends.putAll(endOffsets(topic)));
        return ends;
    }

    /** @return the end offset of every partition of {@code topic} */
    Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            List<TopicPartition> partitions = description.partitions().stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            return endOffsets(partitions);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * @param from where to start per partition (missing partitions: from the beginning)
     * @return every record of {@code topic} from {@code from} up to the end offsets of now, in partition order
     */
    List<Event> read(String topic, Map<TopicPartition, Long> from) {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(ends.keySet());
            for (TopicPartition partition : ends.keySet()) {
                consumer.seek(partition, from.getOrDefault(partition, 0L));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within a minute");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        events.add(new Event(record.partition(), record.offset(), record.key(), header(record, "ce_id"),
                                header(record, "ce_type"), record.value()));
                    }
                }
            }
        }
        return events;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** One record: its place, key, CloudEvents id and type, and the JSON data. */
    record Event(int partition, long offset, String key, String id, String type, String data) {
    }
}
