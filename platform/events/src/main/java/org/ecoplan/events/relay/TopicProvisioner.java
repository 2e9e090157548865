package org.ecoplan.events.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.ecoplan.events.EventsConfig;

import io.quarkus.logging.Log;

/**
 * Creates the configured topics before anything is published to them, so that a broker that
 * auto-creates topics cannot give a state topic the wrong cleanup policy. An existing topic whose
 * cleanup policy differs is corrected; its partition count is left alone, because changing it would
 * move keys to other partitions and break their order.
 */
@ApplicationScoped
class TopicProvisioner {

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
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy())));
                }
            });
            create(missing);
            for (var topic : topics.entrySet()) {
                if (existing.contains(topic.getKey())) {
                    correctCleanupPolicy(topic.getKey(), topic.getValue().cleanupPolicy());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot provision topics " + topics.keySet() + ": " + e.getMessage(), e);
        }
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

    private void correctCleanupPolicy(String name, String wanted) throws InterruptedException, ExecutionException, TimeoutException {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        var current = kafka.admin().describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (current != null && wanted.equals(current.value())) {
            return;
        }
        Log.warnf("Topic %s has cleanup.policy=%s; setting it to %s", name, current == null ? null : current.value(), wanted);
        var set = new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, wanted), AlterConfigOp.OpType.SET);
        kafka.admin().incrementalAlterConfigs(Map.of(resource, List.of(set))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
