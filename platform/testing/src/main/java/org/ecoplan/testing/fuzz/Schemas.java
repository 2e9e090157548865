package org.ecoplan.testing.fuzz;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads the schemas of an OpenAPI document: resolves references, and builds a plausible value for a schema
 * (its example where it has one), which the fuzzer then breaks one field at a time.
 */
final class Schemas {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String EXAMPLE_KEY = "x-fuzz-example";

    private final JsonNode document;
    private final Random random;
    private final Map<String, String> knownValues;

    Schemas(JsonNode document, Random random, Map<String, String> knownValues) {
        this.document = document;
        this.random = random;
        this.knownValues = knownValues;
    }

    /** Keeps a media type's example beside its schema (the schema node itself may be shared). */
    static JsonNode withExample(JsonNode schema, JsonNode example) {
        ObjectNode holder = NODES.objectNode();
        holder.set("schema", schema == null ? NODES.objectNode() : schema);
        if (example != null && !example.isNull()) {
            holder.set(EXAMPLE_KEY, example);
        }
        return holder;
    }

    static JsonNode schemaOf(JsonNode holder) {
        return holder.path("schema");
    }

    /** The media type's example, parsed when the document holds it as text. */
    static JsonNode exampleOf(JsonNode holder) {
        JsonNode example = holder.get(EXAMPLE_KEY);
        if (example != null && example.isTextual()) {
            try {
                return JSON.readTree(example.asText());
            } catch (JsonProcessingException e) {
                return example;
            }
        }
        return example;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode at = ApiOperation.resolve(document, schema);
        // A property documented with a description of its own is an allOf of one reference.
        if (at != null && at.has("allOf") && at.get("allOf").size() >= 1 && !at.has("properties")) {
            return resolve(at.get("allOf").get(0));
        }
        if (at != null && at.has("oneOf") && at.get("oneOf").size() >= 1) {
            return resolve(at.get("oneOf").get(0));
        }
        return at == null ? NODES.objectNode() : at;
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type != null) {
            return type.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        if (schema.has("enum")) {
            return "string";
        }
        return "";
    }

    static String format(JsonNode schema) {
        return schema.path("format").asText("");
    }

    /** The schema of property {@code name} of an object schema, or an empty schema. */
    JsonNode property(JsonNode objectSchema, String name) {
        JsonNode properties = resolve(objectSchema).path("properties");
        JsonNode property = properties.get(name);
        return property == null ? NODES.objectNode() : resolve(property);
    }

    JsonNode items(JsonNode arraySchema) {
        JsonNode items = resolve(arraySchema).get("items");
        return items == null ? NODES.objectNode() : resolve(items);
    }

    /** A plausible value of {@code schema}: its example, a known value for its name, or one made from its type. */
    JsonNode value(String name, JsonNode rawSchema, int depth) {
        JsonNode schema = resolve(rawSchema);
        if (name != null && knownValues.containsKey(name)) {
            return new TextNode(knownValues.get(name));
        }
        JsonNode example = schema.get("example");
        String type = type(schema);
        if (example != null && !example.isNull() && !type.equals("object") && !type.equals("array")) {
            return coerceExample(example, type);
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> property = it.next();
                    JsonNode propertySchema = resolve(property.getValue());
                    if (propertySchema.path("readOnly").asBoolean(false)) {
                        continue;
                    }
                    object.set(property.getKey(), value(property.getKey(), propertySchema, depth + 1));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth <= 4) {
                    array.add(value(null, items(schema), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(1);
            }
            case "number" -> {
                return NODES.numberNode(new java.math.BigDecimal("1.5"));
            }
            case "boolean" -> {
                return NODES.booleanNode(false);
            }
            default -> {
                return new TextNode(text(schema));
            }
        }
    }

    /** A plausible text for a string schema. */
    String text(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("enum") && resolved.get("enum").size() > 0) {
            return resolved.get("enum").get(0).asText();
        }
        if (resolved.has("example") && !resolved.get("example").isNull()) {
            return resolved.get("example").asText();
        }
        return switch (format(resolved)) {
            case "uuid" -> uuid();
            case "date" -> LocalDate.of(2026, 6, 30).toString();
            case "date-time" -> "2026-05-28T01:15:00Z";
            default -> "fuzz";
        };
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static JsonNode coerceExample(JsonNode example, String type) {
        if (!example.isTextual()) {
            return example;
        }
        try {
            return switch (type) {
                case "integer" -> NODES.numberNode(Long.parseLong(example.asText()));
                case "number" -> NODES.numberNode(new java.math.BigDecimal(example.asText()));
                case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(example.asText()));
                default -> example;
            };
        } catch (NumberFormatException e) {
            return example;
        }
    }
}
