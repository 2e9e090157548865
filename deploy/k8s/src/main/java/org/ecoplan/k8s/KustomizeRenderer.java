package org.ecoplan.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;

/**
 * Renders a Kustomization the way {@code kubectl kustomize} does, for the subset EcoPlan's manifests use:
 * {@code resources} (files and folders with their own kustomization), {@code namespace}, {@code images} and
 * {@code patches} in RFC 6902 form with a {@code target}. Anything else is refused rather than ignored, so
 * that a manifest never validates in the build but renders differently in the cluster.
 *
 * <p>Why not Kustomize itself: it is a Go program, and the build must run with only a JDK and Maven.
 * {@code KustomizeRendererTest} compares this renderer's output with {@code kubectl kustomize} wherever
 * kubectl is installed.
 */
public final class KustomizeRenderer {

    static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "metadata", "resources", "namespace",
            "images", "patches");
    private static final Set<String> SUPPORTED_TARGET_FIELDS = Set.of("group", "version", "kind", "name", "namespace");
    /** Kinds without a namespace; the namespace transformer leaves them alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ClusterImageCatalog");

    private KustomizeRenderer() {
    }

    /** @param directory a folder holding a kustomization file */
    public static List<ObjectNode> render(Path directory) {
        return render(directory, new HashSet<>());
    }

    private static List<ObjectNode> render(Path directory, Set<Path> visiting) {
        Path folder = directory.toAbsolutePath().normalize();
        if (!visiting.add(folder)) {
            throw new IllegalArgumentException("Kustomization cycle through " + folder);
        }
        Path file = kustomizationFile(folder);
        List<ObjectNode> documents = Yaml.readAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": a kustomization is one YAML document");
        }
        ObjectNode kustomization = documents.get(0);
        for (Iterator<String> names = kustomization.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": '" + field + "' is not supported by the build's renderer"
                        + " (it handles " + String.join(", ", SUPPORTED_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = folder.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(render(resource, visiting));
            } else if (Files.isRegularFile(resource)) {
                resources.addAll(Yaml.readAll(resource));
            } else {
                throw new IllegalArgumentException(file + ": resource '" + entry.asText() + "' does not exist");
            }
        }
        checkUnique(resources, file);
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(resources, patch, folder, file);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode resource : resources) {
                if (!CLUSTER_SCOPED.contains(resource.path("kind").asText())) {
                    metadata(resource).put("namespace", namespace);
                }
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            for (ObjectNode resource : resources) {
                setImage(resource, image);
            }
        }
        visiting.remove(folder);
        return resources;
    }

    static Path kustomizationFile(Path folder) {
        for (String name : KUSTOMIZATION_FILES) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No kustomization file in " + folder);
    }

    private static void checkUnique(List<ObjectNode> resources, Path file) {
        Set<ResourceId> seen = new HashSet<>();
        for (ObjectNode resource : resources) {
            if (!seen.add(ResourceId.of(resource))) {
                throw new IllegalArgumentException(file + ": " + ResourceId.of(resource) + " is defined twice");
            }
        }
    }

    private static void applyPatch(List<ObjectNode> resources, JsonNode entry, Path folder, Path file) {
        String text;
        if (entry.hasNonNull("path")) {
            Path patchFile = folder.resolve(entry.get("path").asText());
            try {
                text = Files.readString(patchFile);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(file + ": cannot read patch " + patchFile + ": " + e.getMessage(), e);
            }
        } else if (entry.hasNonNull("patch")) {
            text = entry.get("patch").asText();
        } else {
            throw new IllegalArgumentException(file + ": a patch needs 'path' or 'patch'");
        }
        JsonNode operations;
        try {
            operations = Yaml.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + ": cannot read patch " + entry.path("path").asText("(inline)")
                    + ": " + e.getMessage(), e);
        }
        if (operations == null || !operations.isArray()) {
            throw new IllegalArgumentException(file + ": only RFC 6902 patches (a list of operations) are supported"
                    + " by the build's renderer, not strategic merge patches");
        }
        JsonNode target = entry.path("target");
        if (!target.isObject() || target.isEmpty()) {
            throw new IllegalArgumentException(file + ": an RFC 6902 patch needs a target");
        }
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!SUPPORTED_TARGET_FIELDS.contains(field)) {
                throw new IllegalArgumentException(file + ": patch target field '" + field + "' is not supported");
            }
        }
        int matched = 0;
        for (int i = 0; i < resources.size(); i++) {
            ObjectNode resource = resources.get(i);
            if (matches(target, ResourceId.of(resource))) {
                try {
                    resources.set(i, (ObjectNode) JsonPatch.apply(operations, resource));
                } catch (JsonPatchException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": patch " + entry.path("path").asText("(inline)")
                            + " does not apply to " + ResourceId.of(resource) + ": " + e.getMessage(), e);
                }
                matched++;
            }
        }
        if (matched == 0) {
            // Kustomize accepts a patch that matches nothing; here it is surely a typo in the target.
            throw new IllegalArgumentException(file + ": patch target " + target + " matches no resource");
        }
    }

    private static boolean matches(JsonNode target, ResourceId id) {
        Map<String, String> wanted = Map.of(
                "group", id.group(), "version", id.version(), "kind", id.kind(), "name", id.name(), "namespace", id.namespace());
        for (var field : wanted.entrySet()) {
            if (target.has(field.getKey()) && !target.get(field.getKey()).asText().equals(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void setImage(ObjectNode resource, JsonNode image) {
        String name = image.path("name").asText();
        List<JsonNode> podSpecs = List.of(resource.path("spec"), resource.path("spec").path("template").path("spec"));
        for (JsonNode podSpec : podSpecs) {
            for (String list : List.of("containers", "initContainers")) {
                if (!(podSpec.path(list) instanceof ArrayNode containers)) {
                    continue;
                }
                for (JsonNode container : containers) {
                    String current = container.path("image").asText();
                    if (imageName(current).equals(name)) {
                        ((ObjectNode) container).put("image", replaceImage(current, image));
                    }
                }
            }
        }
    }

    static String imageName(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        // A colon before the last slash belongs to a registry's port, not to a tag.
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String replaceImage(String current, JsonNode image) {
        String name = image.path("newName").asText(imageName(current));
        if (image.hasNonNull("digest")) {
            return name + "@" + image.get("digest").asText();
        }
        String rest = current.substring(imageName(current).length());
        if (image.hasNonNull("newTag")) {
            return name + ":" + image.get("newTag").asText();
        }
        return name + rest;
    }

    private static ObjectNode metadata(ObjectNode resource) {
        return resource.has("metadata") ? (ObjectNode) resource.get("metadata") : resource.putObject("metadata");
    }
}
