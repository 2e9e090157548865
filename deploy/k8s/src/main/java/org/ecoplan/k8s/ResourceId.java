package org.ecoplan.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** What identifies a Kubernetes object: group/version, kind, namespace and name. */
public record ResourceId(String apiVersion, String kind, String namespace, String name) {

    public static ResourceId of(JsonNode manifest) {
        JsonNode metadata = manifest.path("metadata");
        return new ResourceId(manifest.path("apiVersion").asText(""), manifest.path("kind").asText(""),
                metadata.path("namespace").asText(""), metadata.path("name").asText(""));
    }

    /** @return the API group, empty for the core group ({@code v1}) */
    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String version() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " (" + apiVersion + ")";
    }
}
