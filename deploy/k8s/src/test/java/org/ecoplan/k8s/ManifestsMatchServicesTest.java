package org.ecoplan.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/**
 * The manifests repeat a few values that live in the services' application.properties (ports, topics,
 * partitions, compaction, consumer groups, pool sizes): these tests keep the two in step, so that the
 * properties remain the one place to change them.
 */
class ManifestsMatchServicesTest {

    private static final List<String> SERVICES = List.of("plan-service", "progress-service", "indicator-service",
            "notification-service");
    private final List<ObjectNode> manifests = Manifests.example();

    @Test
    void eachContainerServesTheServicesHttpPort() {
        for (String service : SERVICES) {
            JsonNode port = Manifests.find(manifests, "Deployment", service).at("/spec/template/spec/containers/0/ports/0");
            assertThat(port.path("containerPort").asInt()).as(service).isEqualTo(ServiceSettings.read(service).httpPort());
            assertThat(Manifests.find(manifests, "Service", service).at("/spec/ports/0/port").asInt()).as(service)
                    .isEqualTo(ServiceSettings.read(service).httpPort());
        }
    }

    @Test
    void everyTopicTheServicesProvisionIsAKafkaTopicWithTheirPartitionsCleanupPolicyAndRetention() {
        Map<String, ServiceSettings.Topic> declared = new HashMap<>();
        for (String service : SERVICES) {
            ServiceSettings.read(service).provisionedTopics().forEach((name, topic) -> {
                ServiceSettings.Topic other = declared.putIfAbsent(name, topic);
                assertThat(other == null || other.equals(topic))
                        .as("%s declares %s as %s, another service as %s", service, name, topic, other).isTrue();
            });
        }
        Map<String, JsonNode> kafkaTopics = new HashMap<>();
        Manifests.ofKind(manifests, "KafkaTopic").forEach(t -> kafkaTopics.put(t.at("/spec/topicName").asText(), t.path("spec")));

        assertThat(kafkaTopics.keySet()).containsExactlyInAnyOrderElementsOf(declared.keySet());
        declared.forEach((name, topic) -> {
            JsonNode spec = kafkaTopics.get(name);
            assertThat(spec.path("partitions").asInt()).as(name).isEqualTo(topic.partitions());
            assertThat(spec.at("/config/cleanup.policy").asText()).as(name).isEqualTo(topic.cleanupPolicy());
            JsonNode retention = spec.at("/config/retention.ms");
            assertThat(retention.isMissingNode() ? Optional.empty() : Optional.of(retention.asLong())).as(name + " retention.ms")
                    .isEqualTo(topic.retentionMs());
            assertThat(spec.path("replicas").asInt()).as(name).isEqualTo(3);
            assertThat(spec.at("/config/min.insync.replicas").asInt()).as(name).isEqualTo(2);
        });
        assertThat(declared.get("ecoplan.plan").cleanupPolicy()).isEqualTo("compact");
        // A roll-up rebuild replays the progress events from the start: none may ever be deleted.
        assertThat(declared.get("ecoplan.progress").retentionMs()).contains(-1L);
    }

    @Test
    void eachKafkaUserMayWriteOnlyItsOwnTopicAndReadOnlyWhatItConsumes() {
        for (String service : SERVICES) {
            ServiceSettings settings = ServiceSettings.read(service);
            Set<String> expected = new HashSet<>();
            settings.ownTopics().forEach(topic -> expected.add("topic " + topic + " [Write, Describe, DescribeConfigs]"));
            settings.consumedTopicsByGroup().forEach((group, topic) -> {
                expected.add("topic " + topic + " [Read, Describe, DescribeConfigs]");
                expected.add("group " + group + " [Read]");
            });
            Set<String> granted = new HashSet<>();
            for (JsonNode acl : Manifests.find(manifests, "KafkaUser", service).at("/spec/authorization/acls")) {
                assertThat(acl.at("/resource/patternType").asText()).as(service).isEqualTo("literal");
                assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
                granted.add(acl.at("/resource/type").asText() + " " + acl.at("/resource/name").asText() + " "
                        + acl.path("operations"));
            }
            assertThat(normalise(granted)).as(service).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(settings.ownTopics()).as(service).hasSize(1);
        }
    }

    @Test
    void eachServiceReadsItsOwnDatabaseAsItsOwner() {
        Map<String, String> ownerByDatabase = new HashMap<>();
        Manifests.ofKind(manifests, "Database").forEach(db -> ownerByDatabase.put(db.at("/spec/name").asText(), db.at("/spec/owner").asText()));
        JsonNode initdb = Manifests.find(manifests, "Cluster", "ecoplan-pg").at("/spec/bootstrap/initdb");
        ownerByDatabase.put(initdb.path("database").asText(), initdb.path("owner").asText());
        Set<String> databases = new HashSet<>();
        for (String service : SERVICES) {
            String url = Manifests.find(manifests, "ConfigMap", service + "-config").at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText();
            String database = url.replaceAll("^jdbc:postgresql://[^/]+/([^?]+).*$", "$1");
            databases.add(database);
            JsonNode container = Manifests.find(manifests, "Deployment", service).at("/spec/template/spec/containers/0");
            String secret = envSecret(container, "QUARKUS_DATASOURCE_USERNAME");
            String user = Manifests.find(manifests, "Secret", secret).at("/stringData/username").asText();
            assertThat(ownerByDatabase.get(database)).as(service + " connects to " + database + " as " + user).isEqualTo(user);
            assertThat(envSecret(container, "KAFKA_SASL_JAAS_CONFIG")).as(service).isEqualTo(service);
        }
        assertThat(databases).hasSize(SERVICES.size());
    }

    @Test
    void postgresAcceptsEveryPoolOfEveryReplicaTheAutoscalersMayStart() {
        int connections = 0;
        for (String service : SERVICES) {
            int replicas = Manifests.find(manifests, "HorizontalPodAutoscaler", service).at("/spec/maxReplicas").asInt();
            connections += replicas * ServiceSettings.read(service).connectionPoolSize();
        }
        int maxConnections = Manifests.find(manifests, "Cluster", "ecoplan-pg").at("/spec/postgresql/parameters/max_connections").asInt();
        // Room for CloudNativePG's own connections, replication and an operator's psql.
        assertThat(maxConnections).isGreaterThanOrEqualTo(connections + 20);
    }

    private static String envSecret(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable)) {
                return env.at("/valueFrom/secretKeyRef/name").asText();
            }
        }
        throw new AssertionError(variable + " is not set from a Secret");
    }

    private static Set<String> normalise(Set<String> granted) {
        Set<String> normalised = new HashSet<>();
        granted.forEach(acl -> normalised.add(acl.replace("\"", "").replace(",", ", ")));
        return normalised;
    }
}
