package org.ecoplan.testing.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The malformed requests for one operation: a plausible request (examples, known values) broken in exactly one
 * place at a time, so that whatever answers, it answers about that one thing. Every variant must be refused:
 * none is a value a client could mean (a valid but unusual value is never sent, since accepting it would be
 * right).
 */
final class Variants {

    /** A NUL, an unpaired high and low surrogate, JSON-escaped as a client would send them. */
    private static final List<String> BAD_JSON_TEXT = List.of("\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00y\"");
    /** The same in a URL: a NUL, a lone surrogate encoded as if it were a character (CESU), broken escapes. */
    private static final List<String> BAD_URL_TEXT = List.of("a%00b", "%ED%A0%80", "%zz", "x%C3");

    private final ApiOperation operation;
    private final Schemas schemas;
    private final Map<String, String> knownValues;
    private int keys;

    Variants(ApiOperation operation, Schemas schemas, Map<String, String> knownValues) {
        this.operation = operation;
        this.schemas = schemas;
        this.knownValues = knownValues;
    }

    List<Variant> all() {
        List<Variant> variants = new ArrayList<>();
        for (ApiOperation.Parameter parameter : operation.in("path")) {
            for (String bad : badParameterValues(parameter)) {
                variants.add(request("path " + parameter.name() + "=" + bad, path(parameter.name(), bad), query(null, null),
                        headers(null, null), baselineBody()));
            }
        }
        for (ApiOperation.Parameter parameter : operation.in("query")) {
            for (String bad : badParameterValues(parameter)) {
                variants.add(request("query " + parameter.name() + "=" + bad, path(null, null), query(parameter.name(), bad),
                        headers(null, null), baselineBody()));
            }
        }
        if (operation.method().equals("GET")) {
            // Reads also get extreme values that may mean something (a year far away, a blank filter): the answer
            // may be anything but a failure.
            for (ApiOperation.Parameter parameter : operation.in("path")) {
                for (String extreme : extremeParameterValues(parameter)) {
                    variants.add(request("path " + parameter.name() + "=" + abbreviate(extreme), path(parameter.name(), extreme),
                            query(null, null), headers(null, null), null).extreme());
                }
            }
            for (ApiOperation.Parameter parameter : operation.in("query")) {
                for (String extreme : extremeParameterValues(parameter)) {
                    variants.add(request("query " + parameter.name() + "=" + abbreviate(extreme), path(null, null),
                            query(parameter.name(), extreme), headers(null, null), null).extreme());
                }
            }
        }
        for (ApiOperation.Parameter parameter : operation.in("header")) {
            if (isFramed(parameter.name())) {
                continue;
            }
            for (String bad : badHeaderValues(parameter)) {
                variants.add(request("header " + parameter.name() + "=" + bad, path(null, null), query(null, null),
                        headers(parameter.name(), bad), baselineBody()));
            }
        }
        if (!operation.bodies().isEmpty()) {
            variants.addAll(bodyVariants());
        }
        return variants;
    }

    // --- parameters

    private List<String> badParameterValues(ApiOperation.Parameter parameter) {
        JsonNode schema = schemas.resolve(parameter.schema());
        String type = Schemas.type(schema);
        String format = Schemas.format(schema);
        List<String> bad = new ArrayList<>(BAD_URL_TEXT);
        switch (type) {
            case "integer" -> {
                bad.addAll(List.of("abc", "1.5", "1e3", "99999999999999999999"));
                bad.add(format.equals("int64") ? "9223372036854775808" : "2147483648");
                if (parameter.name().equals("page")) {
                    bad.addAll(List.of("2147483647", "-1", "1000001", "-2147483648"));
                }
                if (parameter.name().equals("size")) {
                    bad.addAll(List.of("0", "-1", "2147483647"));
                }
            }
            case "number" -> bad.addAll(List.of("abc", "1e400", "NaN"));
            case "boolean" -> bad.addAll(List.of("yes", "1"));
            default -> {
                if (schema.has("enum")) {
                    bad.addAll(List.of("NO_SUCH_VALUE", "0"));
                }
                switch (format) {
                    case "uuid" -> bad.addAll(List.of("not-a-uuid", "1-2-3-4-5", "%00"));
                    case "date" -> bad.addAll(List.of("2026-13-45", "12345"));
                    case "date-time" -> bad.addAll(List.of("yesterday", "12345"));
                    default -> {
                    }
                }
            }
        }
        return bad;
    }

    /** Valid but extreme values, percent-encoded. */
    private List<String> extremeParameterValues(ApiOperation.Parameter parameter) {
        JsonNode schema = schemas.resolve(parameter.schema());
        return switch (Schemas.type(schema)) {
            case "integer" -> Schemas.format(schema).equals("int64")
                    ? List.of("9223372036854775807", "-9223372036854775808", "0", "-1")
                    : List.of("2147483647", "-2147483648", "0", "-1", "99999", "9999999");
            case "number" -> List.of("1e308", "-1e308", "0");
            case "boolean" -> List.of();
            default -> List.of("%20%20", "%E4%B8%AD", "x".repeat(3000), "%27%3B%20drop%20table%20x%3B--", "..%2F..%2Fetc",
                    "%F0%9F%98%80", "-1", "2147483648", "9999-12", "0000-00-00", "2026-02-30", "2026-Q5", "99999");
        };
    }

    private List<String> badHeaderValues(ApiOperation.Parameter parameter) {
        List<String> bad = new ArrayList<>(List.of("a\0b"));
        if (parameter.name().equalsIgnoreCase("If-Match")) {
            bad.addAll(List.of("W/\"1\"", "1", "\"abc\"", "\"99999999999999999999\""));
        }
        return bad;
    }

    private static boolean isFramed(String header) {
        return header.equalsIgnoreCase("Content-Type") || header.equalsIgnoreCase("Authorization")
                || header.equalsIgnoreCase("Content-Length");
    }

    // --- bodies

    private List<Variant> bodyVariants() {
        List<Variant> variants = new ArrayList<>();
        Map.Entry<String, JsonNode> first = operation.bodies().entrySet().iterator().next();
        String mediaType = first.getKey();
        if (mediaType.contains("json")) {
            JsonNode baseline = jsonBaseline(first.getValue());
            String text = write(baseline);
            List<String> broken = new ArrayList<>(List.of("not json", "{", "{\"a\":", "[]", "\"text\"", "42", text + " {}",
                    text + "x", "[".repeat(5000) + "]".repeat(5000)));
            if (!operation.bodyOptional()) {
                broken.addAll(List.of("", "null"));
            }
            for (String body : broken) {
                variants.add(jsonBody("body " + abbreviate(body), body, mediaType));
            }
            if (baseline instanceof ObjectNode object && object.size() > 0) {
                String key = object.fieldNames().next();
                variants.add(jsonBody("duplicate key " + key, "{" + write(key) + ":" + write(object.get(key)) + ","
                        + text.substring(1), mediaType));
            }
            for (String other : List.of("text/plain", "application/xml")) {
                variants.add(request("JSON as " + other, path(null, null), query(null, null), headers(null, null),
                        new Body(bytes(text), other)));
            }
            variants.add(request("JSON without Content-Type", path(null, null), query(null, null), headers(null, null),
                    new Body(bytes(text), null)));
            fieldVariants(baseline, Schemas.schemaOf(first.getValue()), "", baseline, mediaType, variants, 0);
        } else if (mediaType.startsWith("text/")) {
            String text = textBaseline(first.getValue());
            variants.add(request("text with NUL", path(null, null), query(null, null), headers(null, null),
                    new Body(bytes(text + "\0\n"), mediaType + "; charset=UTF-8")));
            variants.add(request("text not UTF-8", path(null, null), query(null, null), headers(null, null),
                    new Body(concat(bytes(text), new byte[] { (byte) 0xC3, 0x28, '\n' }), mediaType + "; charset=UTF-8")));
            variants.add(request("text with an encoded surrogate", path(null, null), query(null, null), headers(null, null),
                    new Body(concat(bytes(text), new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n' }), mediaType)));
            variants.add(request("text with unknown charset", path(null, null), query(null, null), headers(null, null),
                    new Body(bytes(text), mediaType + "; charset=no-such-charset")));
            variants.add(request("empty text", path(null, null), query(null, null), headers(null, null),
                    new Body(new byte[0], mediaType)));
            variants.add(request("text as application/json", path(null, null), query(null, null), headers(null, null),
                    new Body(bytes(text), "application/json")));
        } else {
            variants.add(request("empty body", path(null, null), query(null, null), headers(null, null),
                    new Body(new byte[0], mediaType)));
        }
        return variants;
    }

    private void fieldVariants(JsonNode node, JsonNode schema, String at, JsonNode root, String mediaType,
            List<Variant> variants, int depth) {
        if (depth > 4) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                String name = names.next();
                JsonNode propertySchema = schemas.property(schema, name);
                String path = at.isEmpty() ? name : at + "." + name;
                for (String bad : badJsonValues(object.get(name), propertySchema)) {
                    variants.add(jsonBody(path + "=" + abbreviate(bad), replace(root, path, bad), mediaType));
                }
                fieldVariants(object.get(name), propertySchema, path, root, mediaType, variants, depth + 1);
            }
        } else if (node instanceof ArrayNode array && array.size() > 0) {
            JsonNode itemSchema = schemas.items(schema);
            String path = at + "[0]";
            for (String bad : badJsonValues(array.get(0), itemSchema)) {
                variants.add(jsonBody(path + "=" + abbreviate(bad), replace(root, path, bad), mediaType));
            }
            fieldVariants(array.get(0), itemSchema, path, root, mediaType, variants, depth + 1);
        }
    }

    /** Values no field of this type can mean. */
    private List<String> badJsonValues(JsonNode value, JsonNode schema) {
        String type = Schemas.type(schema);
        if (type.isEmpty()) {
            type = value.isTextual() ? "string" : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number"
                    : value.isBoolean() ? "boolean" : value.isArray() ? "array" : value.isObject() ? "object" : "";
        }
        String format = Schemas.format(schema);
        return switch (type) {
            case "string" -> {
                List<String> bad = new ArrayList<>(BAD_JSON_TEXT);
                bad.addAll(List.of("12345", "true", "{}", "[]"));
                if (schema.has("enum")) {
                    bad.addAll(List.of("\"NO_SUCH_VALUE\"", "0"));
                }
                switch (format) {
                    case "date" -> bad.addAll(List.of("\"2026-13-45\"", "\"2026-02-30\""));
                    case "date-time" -> bad.add("\"yesterday\"");
                    case "uuid" -> bad.add("\"not-a-uuid\"");
                    default -> {
                    }
                }
                yield bad;
            }
            case "integer" -> List.of("1.5", format.equals("int64") ? "9223372036854775808" : "2147483648",
                    "-9223372036854775809", "1e400", "\"12\"", "true", "{}", "1" + "0".repeat(1200));
            case "number" -> List.of("1e400", "-1e400", "1e-400", "\"1.5\"", "true", "[]", "1" + "0".repeat(1200));
            case "boolean" -> List.of("1", "\"true\"", "\"yes\"", "{}");
            case "array" -> List.of("{}", "\"x\"", "42");
            case "object" -> List.of("\"x\"", "42", "[]", "true");
            default -> List.of();
        };
    }

    private JsonNode jsonBaseline(JsonNode holder) {
        JsonNode example = Schemas.exampleOf(holder);
        JsonNode baseline = example != null && (example.isObject() || example.isArray()) ? example.deepCopy()
                : schemas.value(null, Schemas.schemaOf(holder), 0);
        applyKnownValues(baseline);
        return baseline;
    }

    private void applyKnownValues(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (knownValues.containsKey(name) && object.get(name).isTextual()) {
                    object.put(name, knownValues.get(name));
                } else {
                    applyKnownValues(object.get(name));
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::applyKnownValues);
        }
    }

    private String textBaseline(JsonNode holder) {
        JsonNode example = holder.get("x-fuzz-example");
        return example != null && example.isTextual() ? example.asText() : "fuzz";
    }

    /** The baseline with the value at {@code path} (a.b[0].c) replaced by {@code json} (raw JSON text). */
    private static String replace(JsonNode root, String path, String json) {
        String marker = "\"__FUZZ_VALUE__\"";
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            if (step.isEmpty()) {
                continue;
            }
            boolean last = i == steps.length - 1;
            if (step.startsWith("[")) {
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                if (last) {
                    ((ArrayNode) parent).set(index, Schemas.JSON.getNodeFactory().textNode("__FUZZ_VALUE__"));
                } else {
                    parent = parent.get(index);
                }
            } else if (last) {
                ((ObjectNode) parent).put(step, "__FUZZ_VALUE__");
            } else {
                parent = parent.get(step);
            }
        }
        return write(copy).replace(marker, json);
    }

    // --- request parts

    private record Body(byte[] bytes, String contentType) {
    }

    private Body baselineBody() {
        if (operation.bodies().isEmpty()) {
            return null;
        }
        Map.Entry<String, JsonNode> first = operation.bodies().entrySet().iterator().next();
        if (first.getKey().contains("json")) {
            return new Body(bytes(write(jsonBaseline(first.getValue()))), first.getKey());
        }
        if (first.getKey().startsWith("text/")) {
            return new Body(bytes(textBaseline(first.getValue())), first.getKey() + "; charset=UTF-8");
        }
        // A binary body: the smallest PNG there is, so that the request is otherwise fine.
        return new Body(java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
                "image/png");
    }

    private Variant jsonBody(String what, String json, String mediaType) {
        return request(what, path(null, null), query(null, null), headers(null, null), new Body(bytes(json), mediaType));
    }

    private Variant request(String what, String path, String query, List<Map.Entry<String, String>> headers, Body body) {
        String target = query.isEmpty() ? path : path + "?" + query;
        return new Variant(what, operation.method(), target, headers, body == null ? null : body.bytes(),
                body == null ? null : body.contentType(), true);
    }

    /** The path with every parameter filled in, {@code broken} (sent as written) in place of {@code name}. */
    private String path(String name, String broken) {
        String path = operation.path();
        for (ApiOperation.Parameter parameter : operation.in("path")) {
            String value = parameter.name().equals(name) ? broken : encode(parameterValue(parameter));
            path = path.replace("{" + parameter.name() + "}", value);
        }
        return path;
    }

    private String query(String name, String broken) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ApiOperation.Parameter parameter : operation.in("query")) {
            if (parameter.required()) {
                values.put(parameter.name(), encode(parameterValue(parameter)));
            }
        }
        if (name != null) {
            values.put(name, broken);
        }
        List<String> pairs = new ArrayList<>();
        values.forEach((key, value) -> pairs.add(encode(key) + "=" + value));
        return String.join("&", pairs);
    }

    /** Header parameters with plausible values; {@code broken} in place of {@code name}. */
    private List<Map.Entry<String, String>> headers(String name, String broken) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (ApiOperation.Parameter parameter : operation.in("header")) {
            if (isFramed(parameter.name())) {
                continue;
            }
            if (parameter.name().equals(name)) {
                headers.add(Map.entry(name, broken));
            } else if (parameter.name().equalsIgnoreCase("Idempotency-Key")) {
                headers.add(Map.entry(parameter.name(), "fuzz-" + operation.method() + "-" + (++keys)));
            } else {
                headers.add(Map.entry(parameter.name(), parameterValue(parameter)));
            }
        }
        return headers;
    }

    private String parameterValue(ApiOperation.Parameter parameter) {
        if (knownValues.containsKey(parameter.name())) {
            return knownValues.get(parameter.name());
        }
        if (parameter.example() != null && !parameter.example().isNull() && !parameter.example().isContainerNode()) {
            return parameter.example().asText();
        }
        JsonNode schema = schemas.resolve(parameter.schema());
        return switch (Schemas.type(schema)) {
            case "integer" -> "1";
            case "number" -> "1.5";
            case "boolean" -> "true";
            default -> schemas.text(schema);
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String write(Object value) {
        try {
            return Schemas.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
