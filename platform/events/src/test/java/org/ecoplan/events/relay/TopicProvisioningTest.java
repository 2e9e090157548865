package org.ecoplan.events.relay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Topics are created as configured, and an existing topic's settings (also its retention) are put right at start. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class TopicProvisioningTest {

    private static final String TOPIC = "ecoplan.events-provisioned";
    private static final ConfigResource RESOURCE = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);

    @Inject
    KafkaClients kafka;

    @Inject
    TopicProvisioner provisioner;

    @Test
    void createsATopicWithTheCitysPartitionsAndItsMinimumInSyncReplicas() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.admin().listTopics().names().get().contains(TOPIC));
        var description = kafka.admin().describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC);
        assertEquals(12, description.partitions().size(), "the default partition count");
        assertEquals("1", config().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
        assertEquals("delete", config().get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        assertEquals("-1", config().get(TopicConfig.RETENTION_MS_CONFIG).value(), "kept for ever");
    }

    @Test
    void putsAnExistingTopicsSettingsRight() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.admin().listTopics().names().get().contains(TOPIC));
        kafka.admin().incrementalAlterConfigs(Map.of(RESOURCE, List.of(
                new AlterConfigOp(new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact"), AlterConfigOp.OpType.SET),
                // As a topic created by an earlier version (or auto-created) has it: the broker's 7 days.
                new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000"), AlterConfigOp.OpType.SET))))
                .all().get(10, TimeUnit.SECONDS);

        provisioner.provision();

        assertEquals("1", config().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
        assertEquals("delete", config().get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        assertEquals("-1", config().get(TopicConfig.RETENTION_MS_CONFIG).value());
    }

    private Config config() throws Exception {
        return kafka.admin().describeConfigs(List.of(RESOURCE)).all().get(10, TimeUnit.SECONDS).get(RESOURCE);
    }
}
