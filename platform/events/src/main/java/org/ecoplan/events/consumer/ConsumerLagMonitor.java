package org.ecoplan.events.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.ecoplan.events.relay.KafkaClients;
import org.eclipse.microprofile.config.Config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Each of this service's consumer groups' lag, as an operator alerts on it: {@code ecoplan_events_consumer_lag{group,topic}}
 * = the sum over the topic's partitions of the end offset minus the group's committed offset (from the earliest
 * offset where the group has committed nothing yet). Read in the background with the admin client, so a scrape never
 * waits for Kafka; while Kafka is away the gauge keeps its last reading (readiness reports the outage). Every replica
 * of a service reports its groups, so the value appears once per replica: alert on {@code max by (group)}.
 *
 * <p>The groups are the service's channels, {@code mp.messaging.incoming.<channel>.group.id} with their topic.
 */
@ApplicationScoped
public class ConsumerLagMonitor {

    private static final Pattern GROUP_ID = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.group\\.id");
    private static final long TIMEOUT_SECONDS = 5;

    private final KafkaClients kafka;
    private final MeterRegistry registry;
    private final Map<String, String> topicByGroup;
    private final Map<String, AtomicLong> lagByGroup = new ConcurrentHashMap<>();

    ConsumerLagMonitor(KafkaClients kafka, MeterRegistry registry, Config config) {
        this.kafka = kafka;
        this.registry = registry;
        this.topicByGroup = groups(config);
        topicByGroup.forEach((group, topic) -> {
            AtomicLong lag = new AtomicLong();
            lagByGroup.put(group, lag);
            // A gauge left by an earlier application in this JVM (tests restart Quarkus) would keep reading its own value.
            Optional.ofNullable(registry.find("ecoplan.events.consumer.lag").tags("group", group).gauge()).ifPresent(registry::remove);
            Gauge.builder("ecoplan.events.consumer.lag", lag, AtomicLong::get).tags("group", group, "topic", topic)
                    .description("Records on the topic this consumer group has not committed yet").register(registry);
        });
    }

    /** The group ids of this service's channels, with the topic each reads. */
    static Map<String, String> groups(Config config) {
        Map<String, String> groups = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = GROUP_ID.matcher(name);
            if (matcher.matches()) {
                String channel = matcher.group(1);
                Optional<String> topic = config.getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class);
                config.getOptionalValue(name, String.class)
                        .ifPresent(group -> groups.put(group, topic.orElse(channel)));
            }
        }
        return groups;
    }

    @Scheduled(every = "${ecoplan.events.consumers.lag-refresh-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (topicByGroup.isEmpty()) {
            return;
        }
        try {
            lags().forEach((group, lag) -> lagByGroup.get(group).set(lag));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Log.debugf("Cannot read the consumer groups' lag now: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the lag of each of this service's groups, read now */
    public Map<String, Long> lags() throws InterruptedException, ExecutionException, TimeoutException {
        Admin admin = kafka.admin();
        var descriptions = admin.describeTopics(topicByGroup.values().stream().distinct().toList()).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .toList();
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
        Map<String, Long> lags = new TreeMap<>();
        for (var group : topicByGroup.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                if (!partition.topic().equals(group.getValue())) {
                    continue;
                }
                OffsetAndMetadata offset = committed.get(partition);
                long from = offset != null ? offset.offset() : starts.getOrDefault(partition, 0L);
                lag += Math.max(0, ends.getOrDefault(partition, 0L) - from);
            }
            lags.put(group.getKey(), lag);
        }
        return lags;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(Function.identity(), any -> spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
