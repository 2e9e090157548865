package org.ecoplan.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KustomizeRendererTest {

    private static final Path FIXTURES = Path.of("src/test/resources/kustomize").toAbsolutePath();

    @Test
    void appliesResourcesNamespaceImagesAndPatchesOfEveryLevel() {
        Map<ResourceId, ObjectNode> rendered = byId(KustomizeRenderer.render(FIXTURES.resolve("overlay")));

        assertThat(rendered.keySet()).containsExactlyInAnyOrder(
                new ResourceId("apps/v1", "Deployment", "staging", "web"),
                new ResourceId("v1", "ConfigMap", "staging", "web-config"),
                new ResourceId("v1", "ConfigMap", "staging", "extra"));
        ObjectNode web = rendered.get(new ResourceId("apps/v1", "Deployment", "staging", "web"));
        assertThat(web.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(web.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("mirror.example/web:2.0");
        assertThat(web.at("/spec/template/spec/initContainers/0/image").asText()).isEqualTo("mirror.example/web:2.0");
        assertThat(web.at("/spec/template/spec/containers/1/image").asText())
                .isEqualTo("proxy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(rendered.get(new ResourceId("v1", "ConfigMap", "staging", "web-config")).at("/data/ZONE").asText())
                .isEqualTo("Asia/Shanghai");
    }

    @Test
    void anImageNameIsWhatPrecedesTagOrDigestNotARegistryPort() {
        assertThat(KustomizeRenderer.imageName("registry.local:5000/team/web:1.0")).isEqualTo("registry.local:5000/team/web");
        assertThat(KustomizeRenderer.imageName("registry.local:5000/team/web")).isEqualTo("registry.local:5000/team/web");
        assertThat(KustomizeRenderer.imageName("web@sha256:abc")).isEqualTo("web");
        assertThat(KustomizeRenderer.imageName("web:1.0@sha256:abc")).isEqualTo("web");
    }

    @Test
    void refusesAFieldItDoesNotImplement() {
        assertThatThrownBy(() -> KustomizeRenderer.render(FIXTURES.resolve("unsupported")))
                .hasMessageContaining("'commonLabels' is not supported");
    }

    @Test
    void refusesAStrategicMergePatch() {
        assertThatThrownBy(() -> KustomizeRenderer.render(FIXTURES.resolve("strategic")))
                .hasMessageContaining("only RFC 6902 patches");
    }

    @Test
    void refusesAPatchWhoseTargetMatchesNothing() {
        assertThatThrownBy(() -> KustomizeRenderer.render(FIXTURES.resolve("nomatch")))
                .hasMessageContaining("matches no resource");
    }

    @Test
    void rendersTheFixtureAsKubectlKustomizeDoes() {
        assertSameAsKubectl(FIXTURES.resolve("overlay"));
    }

    @Test
    void rendersEveryOverlayAsKubectlKustomizeDoes() {
        Manifests.overlays().forEach(KustomizeRendererTest::assertSameAsKubectl);
    }

    /** Where kubectl is installed (it embeds Kustomize), the two renderings must be the same objects. */
    private static void assertSameAsKubectl(Path folder) {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed: the comparison with Kustomize is skipped");
        String output;
        try {
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", folder.toString())
                    .redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Map<ResourceId, ObjectNode> expected = byId(Yaml.readAll(output, "kubectl kustomize " + folder));
        Map<ResourceId, ObjectNode> actual = byId(KustomizeRenderer.render(folder));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, manifest) -> assertThat(actual.get(id)).as(id.toString()).isEqualTo(manifest));
    }

    private static Map<ResourceId, ObjectNode> byId(List<ObjectNode> manifests) {
        return manifests.stream().collect(Collectors.toMap(ResourceId::of, Function.identity()));
    }
}
