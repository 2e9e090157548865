package org.ecoplan.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ecoplan.testing.contract.AsyncApiContract;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes events to the test broker exactly as another service's outbox relay would (CloudEvents binary
 * mode, JSON data, keyed by aggregate id), under the test's control: the same event id twice, an old
 * state after a new one. This is how a test plays the services it consumes from.
 */
public final class EventWriter implements AutoCloseable {

    /** The JSON a Quarkus service writes: ISO dates, not numbers. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String source;
    private final Integer partition;
    private final Instant recordTime;
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    /** Records {@link #together} sends, waiting for their acks; {@code null} when sending one at a time. */
    private List<Future<RecordMetadata>> deferred;
    /** For {@link #together}: its records wait in the producer (long linger) until it flushes them as one request. */
    private KafkaProducer<String, String> lingering;

    /** @param source the CloudEvents {@code source} of the service played, e.g. {@code /ecoplan/progress-service} */
    public EventWriter(String source) {
        this(source, null);
    }

    /**
     * @param partition every record goes to this partition, so that a test can rely on the order across keys
     *                  (e.g. "once the marker record is consumed, the records before it are too"); {@code null}
     *                  partitions by key as a relay does
     */
    public EventWriter(String source, Integer partition) {
        this(source, partition, null);
    }

    /**
     * @param recordTime every record's timestamp (and {@code ce_time}), as if it had been written then: Kafka judges a
     *                   record's age against a topic's {@code retention.ms} by it, with the broker's own clock; {@code
     *                   null}: now
     */
    public EventWriter(String source, Integer partition, Instant recordTime) {
        this.source = source;
        this.partition = partition;
        this.recordTime = recordTime;
    }

    /** @return the event id */
    public UUID send(String topic, String aggregateType, String key, String type, Object payload) {
        UUID eventId = UUID.randomUUID();
        send(eventId, topic, aggregateType, key, type, payload);
        return eventId;
    }

    /** Sends {@code payload} (a record, or {@code null} for a tombstone) as JSON, and waits for the broker's ack. */
    public void send(UUID eventId, String topic, String aggregateType, String key, String type, Object payload) {
        try {
            sendJson(eventId, topic, aggregateType, key, type, payload == null ? null : JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + payload + " as JSON", e);
        }
    }

    /** Sends data that is JSON already, e.g. recorded events. */
    public void sendJson(UUID eventId, String topic, String aggregateType, String key, String type, String json) {
        sendJson(eventId, topic, aggregateType, key, type, json, Map.of());
    }

    /**
     * Sends data that is JSON already, with further headers as a producer may add them (e.g. {@code traceparent}).
     */
    public void sendJson(UUID eventId, String topic, String aggregateType, String key, String type, String json,
            Map<String, String> extraHeaders) {
        var headers = new RecordHeaders();
        extraHeaders.forEach((name, value) -> headers.add(name, bytes(value)));
        // CloudEvents Kafka binary mode, the names ecoplan-events' CloudEventHeaders reads.
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(eventId.toString()));
        headers.add("ce_source", bytes(source));
        headers.add("ce_type", bytes(type));
        headers.add("ce_time", bytes((recordTime == null ? Instant.now() : recordTime).toString()));
        headers.add("ce_subject", bytes(key));
        headers.add("ce_aggregatetype", bytes(aggregateType));
        headers.add("content-type", bytes("application/json"));
        // A test's stand-in for a producer: EventReader holds only the services' own events to asyncapi.yaml.
        headers.add(AsyncApiContract.TEST_WRITTEN_HEADER, bytes("true"));
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition,
                recordTime == null ? null : recordTime.toEpochMilli(), key, json, headers);
        if (deferred != null) {
            deferred.add(lingering.send(record));
            return;
        }
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send " + type + " for " + key + " to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a record that is not a CloudEvent of ours (no headers), as a foreign or broken producer would, to the
     * writer's partition.
     */
    public void sendRaw(String topic, String key, String value) {
        if (deferred != null) {
            deferred.add(lingering.send(new ProducerRecord<>(topic, partition, key, value)));
            return;
        }
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send a raw record for " + key + " to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends what {@code sends} sends with this writer as one produce request: the records of a partition land in one
     * record batch, which a consumer fetches in one poll (for tests of consumers that take a poll's records together).
     * Returns once the broker acknowledged them all.
     */
    public void together(Runnable sends) {
        if (lingering == null) {
            lingering = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 60_000,
                    ProducerConfig.BATCH_SIZE_CONFIG, 1_048_576), new StringSerializer(), new StringSerializer());
        }
        deferred = new ArrayList<>();
        try {
            sends.run();
            lingering.flush();
            for (Future<RecordMetadata> sent : deferred) {
                sent.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot send records together", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deferred = null;
        }
    }

    @Override
    public void close() {
        producer.close();
        if (lingering != null) {
            lingering.close();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
