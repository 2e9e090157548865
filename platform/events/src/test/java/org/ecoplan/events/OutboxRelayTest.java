package org.ecoplan.events;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OutboxRelayTest {

    static final String TOPIC = "ecoplan.events-test";
    private static final Duration WITHIN_WAKE_UP = Duration.ofSeconds(5);

    @Inject
    EventOutbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    DataSource dataSource;

    @Test
    void publishesCommittedEventWithKeyCloudEventsHeadersAndPayload() {
        String measureId = UUID.randomUUID().toString();
        var payload = new MeasureChanged(measureId, 3, "推进农村生活污水治理");

        UUID eventId = QuarkusTransaction.requiringNew().call(() -> outbox.record(
                new OutgoingEvent(TOPIC, "measure", measureId, "plan.measure-changed.v1", payload)));
        Instant committedAt = Instant.now();

        // The poll interval is 10 s: arriving this fast proves the after-commit wake-up.
        ConsumerRecord<String, String> record = EventReader.awaitRecord(TOPIC, r -> measureId.equals(r.key()), WITHIN_WAKE_UP);
        Log.infof("Relay latency: commit to Kafka append %d ms", record.timestamp() - committedAt.toEpochMilli());

        assertEquals(measureId, record.key());
        assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals(eventId.toString(), header(record, CloudEventHeaders.ID));
        assertEquals("/ecoplan/events-test", header(record, CloudEventHeaders.SOURCE));
        assertEquals("plan.measure-changed.v1", header(record, CloudEventHeaders.TYPE));
        assertEquals(measureId, header(record, CloudEventHeaders.SUBJECT));
        assertEquals("measure", header(record, CloudEventHeaders.AGGREGATE_TYPE));
        assertEquals("application/json", header(record, CloudEventHeaders.CONTENT_TYPE));
        Instant time = OffsetDateTime.parse(header(record, CloudEventHeaders.TIME)).toInstant();
        assertTrue(!time.isAfter(committedAt), "ce_time is when the event was recorded");

        IncomingEvent incoming = IncomingEvent.from(record);
        assertEquals(eventId, incoming.id());
        assertEquals(payload, incoming.dataAs(MeasureChanged.class, mapper));
    }

    @Test
    void keepsTheOrderOfOneAggregatesEvents() {
        String measureId = UUID.randomUUID().toString();
        List<OutgoingEvent> events = IntStream.rangeClosed(1, 30)
                .mapToObj(revision -> new OutgoingEvent(TOPIC, "measure", measureId, "plan.measure-changed.v1",
                        new MeasureChanged(measureId, revision, "措施 " + revision)))
                .toList();

        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> outbox.recordAll(events));

        List<ConsumerRecord<String, String>> records = EventReader.awaitRecords(TOPIC, r -> measureId.equals(r.key()), 30, WITHIN_WAKE_UP);
        assertEquals(ids, records.stream().map(r -> IncomingEvent.from(r).id()).toList());
        assertEquals(IntStream.rangeClosed(1, 30).boxed().toList(),
                records.stream().map(r -> (int) IncomingEvent.from(r).dataAs(MeasureChanged.class, mapper).revision()).toList());
    }

    @Test
    void publishesNothingFromARolledBackTransaction() {
        String rolledBackId = UUID.randomUUID().toString();
        String committedId = UUID.randomUUID().toString();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.record(new OutgoingEvent(TOPIC, "measure", rolledBackId, "plan.measure-changed.v1",
                    new MeasureChanged(rolledBackId, 1, "回滚")));
            throw new IllegalStateException("the state change failed");
        }));
        QuarkusTransaction.requiringNew().run(() -> outbox.record(new OutgoingEvent(TOPIC, "measure", committedId,
                "plan.measure-changed.v1", new MeasureChanged(committedId, 1, "提交"))));

        // Recorded after the rolled-back one: once it is out, the other would be too.
        EventReader.awaitRecord(TOPIC, r -> committedId.equals(r.key()), WITHIN_WAKE_UP);
        assertTrue(EventReader.readCurrent(TOPIC).stream().noneMatch(r -> rolledBackId.equals(r.key())));
        assertEquals(0, OutboxRows.all(dataSource, rolledBackId));
    }

    @Test
    void publishesATombstoneAsARecordWithoutValue() {
        String measureId = UUID.randomUUID().toString();

        QuarkusTransaction.requiringNew().run(() -> outbox.record(
                new OutgoingEvent(TOPIC, "measure", measureId, "plan.measure-removed.v1", null)));

        ConsumerRecord<String, String> record = EventReader.awaitRecord(TOPIC, r -> measureId.equals(r.key()), WITHIN_WAKE_UP);
        assertNull(record.value());
        assertTrue(IncomingEvent.from(record).isTombstone());
        assertEquals("plan.measure-removed.v1", header(record, CloudEventHeaders.TYPE));
    }

    @Test
    void refusesToRecordOutsideATransaction() {
        var event = new OutgoingEvent(TOPIC, "measure", UUID.randomUUID().toString(), "plan.measure-changed.v1", null);
        assertThrows(TransactionalException.class, () -> outbox.record(event));
    }

    @Test
    void waitsWhileAnotherRelayHoldsTheLock() throws SQLException {
        String measureId = UUID.randomUUID().toString();
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (var lock = otherReplica.prepareStatement("select pg_advisory_xact_lock(hashtext('ecoplan.events.outbox-relay'))")) {
                lock.execute();
            }
            QuarkusTransaction.requiringNew().run(() -> outbox.record(new OutgoingEvent(TOPIC, "measure", measureId,
                    "plan.measure-changed.v1", new MeasureChanged(measureId, 1, "等待"))));

            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> OutboxRows.unpublished(dataSource, measureId) == 1);

            otherReplica.commit();
        }
        // Released: the next poll (at most 10 s) publishes it.
        EventReader.awaitRecord(TOPIC, r -> measureId.equals(r.key()), Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(5)).until(() -> OutboxRows.unpublished(dataSource, measureId) == 0);
    }

    @Test
    void reportsKafkaAndTheBacklogInReadiness() {
        RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("event-outbox"))
                .body("checks.find { it.name == 'event-outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-outbox' }.data.kafka", equalTo("reachable"));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return EventReader.header(record, name).orElseThrow(() -> new AssertionError("missing header " + name));
    }
}
