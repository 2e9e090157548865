package org.ecoplan.testing.fuzz;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a service's OpenAPI document, with its parameters and request body resolved (no
 * {@code $ref} left), as the fuzzer needs it.
 *
 * @param method  upper case: GET, POST …
 * @param path    the path template, e.g. {@code /reports/{id}}
 * @param bodies  the request body schema per media type, in document order; empty without a body
 * @param bodyOptional the document says the body may be left out (then an empty body is no malformed request)
 */
record ApiOperation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies,
        boolean bodyOptional) {

    /** A path, query or header parameter. */
    record Parameter(String name, String in, JsonNode schema, boolean required, JsonNode example) {
    }

    String key() {
        return method + " " + path;
    }

    List<Parameter> in(String location) {
        return parameters.stream().filter(p -> p.in().equals(location)).toList();
    }

    boolean hasInput() {
        return !parameters.isEmpty() || !bodies.isEmpty();
    }

    /** Every operation of the document, sorted by path and method so that a run is repeatable. */
    static List<ApiOperation> read(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        JsonNode paths = document.path("paths");
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String path : names) {
            JsonNode item = paths.get(path);
            for (String method : List.of("get", "put", "post", "patch", "delete")) {
                JsonNode operation = item.get(method);
                if (operation == null) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode list : List.of(item.path("parameters"), operation.path("parameters"))) {
                    for (JsonNode parameter : list) {
                        JsonNode resolved = resolve(document, parameter);
                        JsonNode schema = resolve(document, resolved.path("schema"));
                        JsonNode example = resolved.has("example") ? resolved.get("example") : schema.get("example");
                        parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(), schema,
                                resolved.path("required").asBoolean(false), example));
                    }
                }
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                JsonNode requestBody = resolve(document, operation.path("requestBody"));
                // Only an explicit "required: false" makes a body optional here (an endpoint that says
                // nothing must still refuse a missing body).
                boolean bodyOptional = requestBody.path("required").isBoolean() && !requestBody.path("required").asBoolean();
                JsonNode content = requestBody.path("content");
                for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> media = it.next();
                    JsonNode schema = media.getValue().path("schema");
                    JsonNode example = media.getValue().has("example") ? media.getValue().get("example")
                            : firstExample(media.getValue().path("examples"));
                    bodies.put(media.getKey(), Schemas.withExample(resolve(document, schema), example));
                }
                operations.add(new ApiOperation(method.toUpperCase(), path, List.copyOf(parameters), bodies, bodyOptional));
            }
        }
        return operations;
    }

    private static JsonNode firstExample(JsonNode examples) {
        Iterator<JsonNode> values = examples.elements();
        return values.hasNext() ? values.next().get("value") : null;
    }

    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode at = node;
        for (int depth = 0; at != null && at.has("$ref") && depth < 10; depth++) {
            String ref = at.get("$ref").asText();
            at = document.at(ref.substring(1));
        }
        return at == null ? node : at;
    }
}
