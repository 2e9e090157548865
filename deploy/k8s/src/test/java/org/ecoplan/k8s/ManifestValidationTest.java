package org.ecoplan.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay, and the base, renders and passes every schema and rule. */
class ManifestValidationTest {

    static List<Path> folders() {
        var folders = new java.util.ArrayList<>(Manifests.overlays());
        folders.add(Manifests.BASE);
        return folders;
    }

    @ParameterizedTest
    @MethodSource("folders")
    void rendersAndPassesEverySchemaAndRule(Path folder) {
        List<ObjectNode> manifests = KustomizeRenderer.render(folder);

        assertThat(Manifests.VALIDATOR.validate(manifests)).isEmpty();
    }

    @Test
    void exampleOverlayRunsEachServiceTwiceWithProbesAutoscalerBudgetAndPolicy() {
        List<ObjectNode> manifests = Manifests.example();

        List<ObjectNode> deployments = Manifests.ofKind(manifests, "Deployment");
        assertThat(deployments).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("plan-service", "progress-service", "indicator-service", "notification-service");
        for (ObjectNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asText();
            assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo("ecoplan-yanqing");
            assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertThat(container.path("image").asText()).isEqualTo("registry.example.invalid/ecoplan/" + name + ":1.0.0-SNAPSHOT");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            for (String kind : List.of("Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy",
                    "ServiceAccount", "KafkaUser")) {
                Manifests.find(manifests, kind, name);
            }
            assertThat(Manifests.find(manifests, "HorizontalPodAutoscaler", name).at("/spec/minReplicas").asInt()).isEqualTo(2);
        }
        assertThat(Manifests.find(manifests, "Cluster", "ecoplan-pg").at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(Manifests.ofKind(manifests, "KafkaNodePool")).allSatisfy(pool -> assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(3));
        assertThat(Manifests.find(manifests, "ObjectStore", "ecoplan-backups").at("/spec/configuration/destinationPath").asText())
                .isEqualTo("s3://ecoplan-backups-yanqing/ecoplan/");
    }
}
