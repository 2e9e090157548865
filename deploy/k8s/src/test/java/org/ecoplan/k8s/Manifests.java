package org.ecoplan.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The module's folders and the rendered example overlay, shared by the tests (the CRDs load once). */
final class Manifests {

    /** Surefire runs in the module's folder, deploy/k8s. */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = MODULE.resolve("../..").normalize();
    static final Path BASE = MODULE.resolve("base");
    static final Path OVERLAYS = MODULE.resolve("overlays");
    static final Path EXAMPLE_OVERLAY = OVERLAYS.resolve("yanqing");
    static final Path SCHEMAS = MODULE.resolve("schemas");
    static final ManifestValidator VALIDATOR = new ManifestValidator(SCHEMAS);

    private Manifests() {
    }

    static List<Path> overlays() {
        try (Stream<Path> folders = Files.list(OVERLAYS)) {
            return folders.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a fresh rendering of the example overlay, free to be broken by a test */
    static List<ObjectNode> example() {
        return KustomizeRenderer.render(EXAMPLE_OVERLAY);
    }

    static ObjectNode find(List<ObjectNode> manifests, String kind, String name) {
        return manifests.stream().filter(m -> kind.equals(m.path("kind").asText()) && name.equals(m.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("No " + kind + " " + name + " rendered"));
    }

    static List<ObjectNode> ofKind(List<ObjectNode> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
    }

    static ObjectNode at(JsonNode node, String pointer) {
        return (ObjectNode) node.at(pointer);
    }
}
