package org.ecoplan.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks custom resources against the {@code openAPIV3Schema} of their CustomResourceDefinitions, as the
 * API server does with strict field validation (kubectl's default): a field the schema does not declare is
 * an error unless the schema preserves unknown fields there.
 *
 * <p>The CRD's OpenAPI subset becomes JSON Schema draft 4 (whose boolean {@code exclusiveMinimum} OpenAPI
 * 3.0 shares): {@code additionalProperties: false} on every declared object that does not preserve unknown
 * fields, {@code x-kubernetes-int-or-string} as integer-or-string, {@code nullable} as an allowed null. CEL
 * rules ({@code x-kubernetes-validations}) are not evaluated: no CEL interpreter runs here.
 */
final class CrdSchemas {

    private static final Set<String> ANNOTATIONS = Set.of("description", "default", "example", "format",
            "x-kubernetes-validations", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type");

    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    /** @param folder a folder whose YAML files (at any depth) are CustomResourceDefinitions */
    static CrdSchemas load(Path folder) {
        var crds = new CrdSchemas();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (ObjectNode document : Yaml.readAll(file)) {
                    if ("CustomResourceDefinition".equals(document.path("kind").asText())) {
                        crds.add(document, file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crds;
    }

    private void add(ObjectNode crd, Path file) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        var config = SchemaValidatorsConfig.builder().build();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean()) {
                continue;
            }
            ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
            // metadata is ObjectMeta, checked on its own; status belongs to the operator.
            ObjectNode properties = (ObjectNode) schema.path("properties");
            properties.putObject("metadata");
            properties.remove("status");
            String key = group + "/" + version.path("name").asText() + "/" + kind;
            schemas.put(key, factory.getSchema(strict(schema), config));
            sources.put(key, file.getFileName().toString());
        }
    }

    boolean knows(ResourceId id) {
        return schemas.containsKey(id.apiVersion() + "/" + id.kind());
    }

    /** @return the API versions served for a kind, to say what a manifest should have used */
    List<String> servedVersions(String kind) {
        return schemas.keySet().stream().filter(key -> key.endsWith("/" + kind))
                .map(key -> key.substring(0, key.lastIndexOf('/'))).sorted().toList();
    }

    List<String> validate(JsonNode manifest) {
        ResourceId id = ResourceId.of(manifest);
        JsonSchema schema = schemas.get(id.apiVersion() + "/" + id.kind());
        List<String> messages = new ArrayList<>();
        for (ValidationMessage message : schema.validate(manifest)) {
            messages.add(message.getMessage() + " [" + sources.get(id.apiVersion() + "/" + id.kind()) + "]");
        }
        return messages.stream().sorted().toList();
    }

    /** Turns a structural OpenAPI schema into a JSON Schema that refuses undeclared fields. */
    static JsonNode strict(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode schema = (ObjectNode) node;
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                || schema.path("x-kubernetes-embedded-resource").asBoolean();
        if (schema.path("x-kubernetes-int-or-string").asBoolean() && !schema.has("anyOf") && !schema.has("oneOf")) {
            ArrayNode types = schema.putArray("type");
            types.add("integer").add("string");
        }
        if (schema.path("nullable").asBoolean() && schema.has("type") && schema.get("type").isTextual()) {
            String type = schema.get("type").asText();
            schema.putArray("type").add(type).add("null");
        }
        schema.remove(ANNOTATIONS);
        schema.remove(List.of("x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
                "x-kubernetes-int-or-string", "nullable"));
        if ("object".equals(schema.path("type").asText()) && !preserveUnknown && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        if (schema.path("properties") instanceof ObjectNode properties) {
            properties.fields().forEachRemaining(property -> strict(property.getValue()));
        }
        for (String child : List.of("items", "additionalProperties", "not")) {
            strict(schema.path(child));
        }
        for (String list : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(list).forEach(CrdSchemas::strict);
        }
        return schema;
    }
}
