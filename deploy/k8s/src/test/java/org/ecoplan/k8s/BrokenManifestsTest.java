package org.ecoplan.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/**
 * The validation fails the build for a wrong field: each test breaks one thing in the rendered example
 * overlay and expects exactly that reported (and the unbroken rendering passes, ManifestValidationTest).
 */
class BrokenManifestsTest {

    @Test
    void replicasThatAreNotANumberFail() {
        assertThat(violationsAfter("Deployment", "plan-service", d -> Manifests.at(d, "/spec").put("replicas", "two")))
                .singleElement().asString().contains("Deployment", "plan-service", "two");
    }

    @Test
    void anUnknownDeploymentFieldFails() {
        assertThat(violationsAfter("Deployment", "plan-service", d -> Manifests.at(d, "/spec").put("replica", 2)))
                .singleElement().asString().contains("replica", "V1DeploymentSpec");
    }

    @Test
    void anUnknownContainerFieldFails() {
        assertThat(violationsAfter("Deployment", "progress-service",
                d -> Manifests.at(d, "/spec/template/spec/containers/0").put("livenesProbe", "x")))
                .singleElement().asString().contains("livenesProbe");
    }

    @Test
    void aMissingRequiredFieldFails() {
        assertThat(violationsAfter("Service", "plan-service",
                s -> ((ObjectNode) s.at("/spec/ports/0")).remove("port")))
                .isNotEmpty().first().asString().contains("port");
    }

    @Test
    void anUnknownFieldInAKafkaTopicSpecFails() {
        assertThat(violationsAfter("KafkaTopic", "ecoplan-plan", t -> Manifests.at(t, "/spec").put("partition", 3)))
                .singleElement().asString().contains("KafkaTopic", "partition", "043-Crd-kafkatopic.yaml");
    }

    @Test
    void aKafkaTopicWithTextPartitionsFails() {
        assertThat(violationsAfter("KafkaTopic", "ecoplan-progress", t -> Manifests.at(t, "/spec").put("partitions", "three")))
                .singleElement().asString().contains("partitions", "integer");
    }

    @Test
    void anAclOperationKafkaDoesNotKnowFails() {
        assertThat(violationsAfter("KafkaUser", "progress-service",
                u -> ((ArrayNode) u.at("/spec/authorization/acls/0/operations")).set(0, "Wrte")))
                .singleElement().asString().contains("/spec/authorization/acls/0/operations/0", "enumeration");
    }

    @Test
    void aMisspelledKafkaListenerFieldFails() {
        assertThat(violationsAfter("Kafka", "ecoplan-kafka", k -> Manifests.at(k, "/spec/kafka/listeners/0").put("tsl", true)))
                .singleElement().asString().contains("tsl");
    }

    @Test
    void anApiVersionTheOperatorNoLongerServesFails() {
        assertThat(violationsAfter("Kafka", "ecoplan-kafka", k -> k.put("apiVersion", "kafka.strimzi.io/v1beta2")))
                .singleElement().asString().contains("no schema", "kafka.strimzi.io/v1beta2", "serves [kafka.strimzi.io/v1]");
    }

    @Test
    void aPostgresClusterWithTextInstancesFails() {
        assertThat(violationsAfter("Cluster", "ecoplan-pg", c -> Manifests.at(c, "/spec").put("instances", "three")))
                .singleElement().asString().contains("instances");
    }

    @Test
    void anUnknownFieldInAnObjectStoreFails() {
        assertThat(violationsAfter("ObjectStore", "ecoplan-backups",
                o -> Manifests.at(o, "/spec/configuration").put("destinationUrl", "s3://x")))
                .singleElement().asString().contains("destinationUrl");
    }

    @Test
    void badMetadataOfACustomResourceFails() {
        assertThat(violationsAfter("KafkaUser", "plan-service", u -> Manifests.at(u, "/metadata").put("label", "x")))
                .singleElement().asString().contains("metadata", "label");
    }

    @Test
    void aProbePortThatIsNotDeclaredFails() {
        assertThat(violationsAfter("Deployment", "indicator-service",
                d -> Manifests.at(d, "/spec/template/spec/containers/0/readinessProbe/httpGet").put("port", "management")))
                .singleElement().asString().contains("readinessProbe.httpGet.port", "management", "not a declared container port");
    }

    @Test
    void aNumericProbePortThatIsNotDeclaredFails() {
        assertThat(violationsAfter("Deployment", "indicator-service",
                d -> Manifests.at(d, "/spec/template/spec/containers/0/livenessProbe/httpGet").put("port", 8080)))
                .singleElement().asString().contains("livenessProbe.httpGet.port", "8080");
    }

    @Test
    void aMissingProbeFails() {
        assertThat(violationsAfter("Deployment", "plan-service",
                d -> Manifests.at(d, "/spec/template/spec/containers/0").remove("startupProbe")))
                .singleElement().asString().contains("has no startupProbe");
    }

    @Test
    void aMissingMemoryLimitFails() {
        assertThat(violationsAfter("Deployment", "plan-service",
                d -> Manifests.at(d, "/spec/template/spec/containers/0/resources/limits").remove("memory")))
                .singleElement().asString().contains("resources.limits.memory");
    }

    @Test
    void aServiceTargetingAnUndeclaredPortFails() {
        assertThat(violationsAfter("Service", "notification-service", s -> Manifests.at(s, "/spec/ports/0").put("targetPort", 8080)))
                .singleElement().asString().contains("targets 8080");
    }

    @Test
    void aSecretThatNothingProvidesFails() {
        assertThat(violationsAfter("Deployment", "progress-service",
                d -> Manifests.at(d, "/spec/template/spec/containers/0/env/2/valueFrom/secretKeyRef").put("name", "progress-servce")))
                .singleElement().asString().contains("Secret 'progress-servce'");
    }

    @Test
    void aSecretKeyThatTheSecretDoesNotHaveFails() {
        assertThat(violationsAfter("Deployment", "progress-service",
                d -> Manifests.at(d, "/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef").put("key", "user")))
                .singleElement().asString().contains("key 'user'");
    }

    @Test
    void aNetworkPolicyOpeningAPortThePodDoesNotServeFails() {
        assertThat(violationsAfter("NetworkPolicy", "plan-service", p -> Manifests.at(p, "/spec/ingress/0/ports/0").put("port", "https")))
                .singleElement().asString().contains("ingress port", "https");
    }

    @Test
    void anAutoscalerOfAMissingDeploymentFails() {
        assertThat(violationsAfter("HorizontalPodAutoscaler", "plan-service",
                h -> Manifests.at(h, "/spec/scaleTargetRef").put("name", "planservice")))
                .singleElement().asString().contains("planservice", "does not exist");
    }

    @Test
    void aDisruptionBudgetSelectingNothingFails() {
        assertThat(violationsAfter("PodDisruptionBudget", "plan-service",
                b -> Manifests.at(b, "/spec/selector/matchLabels").put("app.kubernetes.io/name", "plan")))
                .singleElement().asString().contains("selects no workload");
    }

    @Test
    void aTopicOfAnotherKafkaClusterFails() {
        assertThat(violationsAfter("KafkaTopic", "ecoplan-plan", t -> Manifests.at(t, "/metadata/labels").put("strimzi.io/cluster", "kafka")))
                .singleElement().asString().contains("strimzi.io/cluster 'kafka'");
    }

    @Test
    void aDatabaseWhoseOwnerNothingCreatesFails() {
        assertThat(violationsAfter("Database", "ecoplan-pg-progress", db -> Manifests.at(db, "/spec").put("owner", "progress")))
                .singleElement().asString().contains("owner 'progress'");
    }

    @Test
    void aKindWithoutSchemaFails() {
        assertThat(violationsAfter("ConfigMap", "ecoplan-config", c -> c.put("kind", "ConfigMapp")))
                .anySatisfy(v -> assertThat(v).asString().contains("no schema for v1 ConfigMapp"));
    }

    private static List<Violation> violationsAfter(String kind, String name, Consumer<ObjectNode> breakIt) {
        List<ObjectNode> manifests = Manifests.example();
        breakIt.accept(Manifests.find(manifests, kind, name));
        return Manifests.VALIDATOR.validate(manifests);
    }
}
