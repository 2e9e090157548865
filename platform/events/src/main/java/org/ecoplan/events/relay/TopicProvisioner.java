package org.ecoplan.events.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.ecoplan.events.EventsConfig;

import io.quarkus.logging.Log;

/**
 * Creates the configured topics before anything is published to them, so that a broker that
 * auto-creates topics cannot give a state topic the wrong cleanup policy. A topic is created with its
 * configured partitions, replication factor, {@code retention.ms} and {@code min.insync.replicas} (all but the
 * partitions default to the broker's). On an existing topic the cleanup policy, {@code retention.ms} and
 * {@code min.insync.replicas} are corrected (so a topic created with the broker's 7-day retention is kept for ever
 * from the next start on); its partition
 * count and replication factor are left alone and only reported when they differ, because changing the partitions
 * would move keys to other partitions and break their order, and changing replication is a reassignment an
 * operator plans.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final long TIMEOUT_SECONDS = 10;

    private final KafkaClients kafka;
    private final EventsConfig config;

    TopicProvisioner(KafkaClients kafka, EventsConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    void provision() throws InterruptedException {
        Map<String, EventsConfig.Topic> topics = config.topics();
        if (topics.isEmpty()) {
            return;
        }
        try {
            Set<String> existing = kafka.admin().listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            var missing = new ArrayList<NewTopic>();
            topics.forEach((name, topic) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(topic.partitions()), topic.replicationFactor())
                            .configs(settings(topic)));
                }
            });
            create(missing);
            for (var topic : topics.entrySet()) {
                if (existing.contains(topic.getKey())) {
                    correct(topic.getKey(), topic.getValue());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot provision topics " + topics.keySet() + ": " + e.getMessage(), e);
        }
    }

    /** The topic-level settings we own; those left empty stay the broker's. */
    public static Map<String, String> settings(EventsConfig.Topic topic) {
        Map<String, String> settings = new HashMap<>();
        settings.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy());
        topic.retentionMs().ifPresent(retention -> settings.put(TopicConfig.RETENTION_MS_CONFIG, retention.toString()));
        topic.minInsyncReplicas().ifPresent(replicas -> settings.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, replicas.toString()));
        return settings;
    }

    private void create(List<NewTopic> missing) throws InterruptedException, ExecutionException, TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        var results = kafka.admin().createTopics(missing).values();
        for (var result : results.entrySet()) {
            try {
                result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Log.infof("Created topic %s", result.getKey());
            } catch (ExecutionException e) {
                // Another service or replica created it meanwhile: fine.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private void correct(String name, EventsConfig.Topic wanted) throws InterruptedException, ExecutionException, TimeoutException {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config current = kafka.admin().describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(resource);
        List<AlterConfigOp> changes = new ArrayList<>();
        settings(wanted).forEach((key, value) -> {
            ConfigEntry entry = current.get(key);
            if (entry == null || !value.equals(entry.value())) {
                Log.warnf("Topic %s has %s=%s; setting it to %s", name, key, entry == null ? null : entry.value(), value);
                changes.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
            }
        });
        if (!changes.isEmpty()) {
            kafka.admin().incrementalAlterConfigs(Map.of(resource, changes)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        TopicDescription description = kafka.admin().describeTopics(List.of(name)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(name);
        int partitions = description.partitions().size();
        if (partitions != wanted.partitions()) {
            Log.warnf("Topic %s has %d partitions, configured are %d: left as it is (see README, \"Topics and partitions\")",
                    name, partitions, wanted.partitions());
        }
        int replicas = description.partitions().get(0).replicas().size();
        wanted.replicationFactor().filter(factor -> factor != replicas).ifPresent(factor -> Log.warnf(
                "Topic %s has replication factor %d, configured is %d: left as it is", name, replicas, factor));
    }
}
