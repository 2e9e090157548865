package org.ecoplan.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three KRaft nodes: topics get 3 replicas and min ISR 2, an acks=all write succeeds while the quorum's leader is
 * killed, and the node comes back on its data and catches up. Three broker JVMs take half a minute on two cores, so
 * this runs with the cluster test ({@code deploy/cluster-test.sh}, {@code -Decoplan.cluster-test=true}), not in the
 * default build.
 */
@EnabledIfSystemProperty(named = "ecoplan.cluster-test", matches = "true")
class KafkaClusterTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void survivesTheLossOfOneNodeAndTakesItBack() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.start(folder.resolve("kafka"), KafkaCluster.anyPorts(3));
                Admin admin = admin(cluster)) {
            assertEquals(3, cluster.bootstrapServers().split(",").length);
            admin.createTopics(Set.of(new NewTopic("ecoplan.cluster", Optional.of(6), Optional.empty()))).all().get();
            TopicDescription topic = admin.describeTopics(List.of("ecoplan.cluster")).allTopicNames().get()
                    .get("ecoplan.cluster");
            assertTrue(topic.partitions().stream().allMatch(partition -> partition.replicas().size() == 3),
                    "the broker's default replication factor is 3: " + topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "ecoplan.cluster");
            assertEquals("2", admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("min.insync.replicas").value());

            int leader = cluster.quorumLeader();
            cluster.kill(leader);
            try (KafkaProducer<String, String> producer = producer(cluster)) {
                for (int i = 0; i < 60; i++) {
                    producer.send(new ProducerRecord<>("ecoplan.cluster", "measure-" + i, "延庆区 " + i))
                            .get(60, TimeUnit.SECONDS);
                }
            }
            assertNotEquals(leader, cluster.quorumLeader(), "another controller took over");
            assertFalse(cluster.underReplicatedPartitions().isEmpty(), "partitions miss the killed node");

            Duration back = cluster.start(leader);
            Duration inSync = cluster.awaitFullyReplicated(Duration.ofMinutes(2));
            System.out.printf("Kafka node %d back in %.1f s, every partition in sync %.1f s later%n", leader,
                    back.toMillis() / 1000.0, inSync.toMillis() / 1000.0);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int partition = 0; partition < 6; partition++) {
                ends.put(new TopicPartition("ecoplan.cluster", partition), OffsetSpec.latest());
            }
            assertEquals(60L, admin.listOffsets(ends).all().get().values().stream().mapToLong(info -> info.offset()).sum(),
                    "every record kept");
        }
    }

    private static KafkaProducer<String, String> producer(KafkaCluster cluster) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static Admin admin(KafkaCluster cluster) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        return Admin.create(config);
    }
}
