package org.ecoplan.testing.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks Kafka records against {@code asyncapi.yaml} (the repository's one event contract, packed into this jar
 * at build time): the record's {@code ce_type} must be a documented message of its topic's channel, the
 * CloudEvents headers the contract requires must be there, and the value must be valid against the message's
 * payload schema (JSON Schema draft-07, as AsyncAPI 3 schemas are). {@link org.ecoplan.testing.EventReader}
 * checks every record it reads with it, except records a test wrote itself (marked with
 * {@link #TEST_WRITTEN_HEADER} by {@link org.ecoplan.testing.EventWriter}; a test that writes raw records to play
 * a broken producer sets that header too).
 */
public final class AsyncApiContract {

    /** Marks a record that a test wrote to play a producer: EventReader does not hold it to the contract. */
    public static final String TEST_WRITTEN_HEADER = "ecoplan_test_written";

    private static final String RESOURCE = "/org/ecoplan/testing/asyncapi.yaml";
    private static final List<String> REQUIRED_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AsyncApiContract INSTANCE = new AsyncApiContract();

    private final JsonNode document;
    /** topic → event types documented on its channel */
    private final Map<String, Set<String>> typesByTopic = new HashMap<>();
    /** event type → payload schema (with the document's components, so that $refs resolve) */
    private final Map<String, JsonNode> payloadByType = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private AsyncApiContract() {
        try (InputStream in = AsyncApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from ecoplan-testing");
            }
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode messages = document.path("components").path("messages");
        document.path("channels").forEach(channel -> {
            Set<String> types = new java.util.HashSet<>();
            channel.path("messages").forEach(reference -> {
                JsonNode message = resolve(reference);
                String type = message.path("name").asText();
                types.add(type);
                JsonNode payload = message.path("payload");
                ObjectNode root = JSON.createObjectNode();
                root.setAll((ObjectNode) payload.deepCopy());
                root.set("components", document.path("components").deepCopy());
                payloadByType.put(type, root);
            });
            typesByTopic.put(channel.path("address").asText(), types);
        });
        if (payloadByType.isEmpty() || messages.isMissingNode()) {
            throw new IllegalStateException("asyncapi.yaml documents no messages");
        }
    }

    /** @throws AssertionError naming every way the record breaks the contract */
    public static void check(ConsumerRecord<String, String> record) {
        INSTANCE.verify(record);
    }

    private void verify(ConsumerRecord<String, String> record) {
        if (record.headers().lastHeader(TEST_WRITTEN_HEADER) != null) {
            return;
        }
        Set<String> documented = typesByTopic.get(record.topic());
        if (documented == null) {
            // Not an EcoPlan topic (a test's own topic): nothing to hold it to.
            return;
        }
        String where = record.topic() + "@" + record.partition() + ":" + record.offset();
        String type = header(record, "ce_type");
        List<String> missing = REQUIRED_HEADERS.stream().filter(name -> header(record, name) == null).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("Event " + where + " lacks the CloudEvents headers " + missing + " that asyncapi.yaml requires");
        }
        if (!documented.contains(type)) {
            throw new AssertionError("Event " + where + " has type " + type + ", which asyncapi.yaml does not document on "
                    + record.topic() + " (documented: " + documented + ")");
        }
        if (record.value() == null) {
            return; // a tombstone on a compacted topic
        }
        JsonNode value;
        try {
            value = JSON.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new AssertionError("Event " + where + " (" + type + ") is not JSON: " + e.getOriginalMessage());
        }
        Set<ValidationMessage> errors = compiled.computeIfAbsent(type, this::compile).validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError("Event " + where + " (" + type + ") does not match its payload schema in asyncapi.yaml:\n"
                    + errors.stream().map(error -> "  - " + error.getMessage()).sorted().collect(Collectors.joining("\n"))
                    + "\n  value: " + record.value());
        }
    }

    private JsonSchema compile(String type) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(payloadByType.get(type), config);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode reference = node.get("$ref");
        if (reference == null) {
            return node;
        }
        return document.at(reference.asText().substring(1));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
