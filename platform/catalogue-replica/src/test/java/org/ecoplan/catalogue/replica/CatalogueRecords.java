package org.ecoplan.catalogue.replica;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ecoplan.events.CloudEventHeaders;
import org.ecoplan.testing.TestInfrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes catalogue records to the real broker exactly as plan-service's relay does, but under the
 * test's control: the same event id twice, an older revision after a newer one.
 */
final class CatalogueRecords implements AutoCloseable {

    static final String TOPIC = "ecoplan.plan";
    /** One partition for all records of a test, so that they are consumed in the order sent. */
    private static final int PARTITION = 0;

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    private final ObjectMapper mapper = new ObjectMapper();

    /** @return the event id */
    UUID send(String aggregateType, String id, Object state) {
        UUID eventId = UUID.randomUUID();
        send(eventId, aggregateType, id, state);
        return eventId;
    }

    void send(UUID eventId, String aggregateType, String id, Object state) {
        var headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.bytes("1.0"));
        headers.add(CloudEventHeaders.ID, CloudEventHeaders.bytes(eventId.toString()));
        headers.add(CloudEventHeaders.SOURCE, CloudEventHeaders.bytes("/ecoplan/plan-service"));
        headers.add(CloudEventHeaders.TYPE, CloudEventHeaders.bytes(
                "plan." + aggregateType + (state == null ? "-removed.v1" : "-changed.v1")));
        headers.add(CloudEventHeaders.TIME, CloudEventHeaders.bytes(Instant.now().toString()));
        headers.add(CloudEventHeaders.SUBJECT, CloudEventHeaders.bytes(id));
        headers.add(CloudEventHeaders.AGGREGATE_TYPE, CloudEventHeaders.bytes(aggregateType));
        try {
            String value = state == null ? null : mapper.writeValueAsString(state);
            producer.send(new ProducerRecord<>(TOPIC, PARTITION, id, value, headers)).get();
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    record Measure(String id, long revision, String name, String departmentCode) {
    }
}
