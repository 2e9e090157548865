package org.ecoplan.events;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.testing.DedicatedKafkaResource;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(DedicatedKafkaResource.class)
class OutboxRelayOutageTest {

    private static final String TOPIC = OutboxRelayTest.TOPIC;

    @Inject
    EventOutbox outbox;

    @Inject
    DataSource dataSource;


    @Test
    void deliversEventsRecordedWhileKafkaWasDown() {
        String measureId = UUID.randomUUID().toString();
        DedicatedKafkaResource.stopBroker();
        try {
            List<OutgoingEvent> events = IntStream.rangeClosed(1, 5)
                    .mapToObj(revision -> new OutgoingEvent(TOPIC, "measure", measureId, "plan.measure-changed.v1",
                            new MeasureChanged(measureId, revision, "停机期间")))
                    .toList();
            List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> outbox.recordAll(events));

            // The relay tries, fails and keeps them; readiness says why.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> RestAssured.get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'event-outbox' }.data.kafka", equalTo("unreachable")));
            assertEquals(5, OutboxRows.unpublished(dataSource, measureId));
            // It answers at once from the last background probe, instead of waiting for the broker.
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                RestAssured.get("/q/health/ready").then().statusCode(503);
                long ms = (System.nanoTime() - start) / 1_000_000;
                Log.infof("Readiness answered in %d ms while Kafka is down", ms);
                assertTrue(ms < 2000, "readiness took " + ms + " ms");
            }

            Instant restartedAt = Instant.now();
            DedicatedKafkaResource.startBroker();

            List<ConsumerRecord<String, String>> delivered = awaitRecords(measureId, 5, Duration.ofSeconds(60));
            Log.infof("Backlog delivered %d ms after the broker was started again",
                    Duration.between(restartedAt, Instant.now()).toMillis());
            assertEquals(ids, delivered.stream().map(r -> IncomingEvent.from(r).id()).distinct().toList());
            await().atMost(Duration.ofSeconds(10)).until(() -> OutboxRows.unpublished(dataSource, measureId) == 0);
        } finally {
            DedicatedKafkaResource.startBroker();
        }
    }

    @Test
    void publishesEventsThatNoCommitAnnounced() throws SQLException {
        // Like a commit on another replica: the row appears without this relay being woken.
        String measureId = UUID.randomUUID().toString();
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement("""
                insert into event_outbox (event_id, topic, aggregate_type, aggregate_id, event_type, payload, occurred_at)
                values (?, ?, 'measure', ?, 'plan.measure-changed.v1', '{"id": "x", "revision": 1}', now())""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, TOPIC);
            insert.setString(3, measureId);
            insert.executeUpdate();
        }

        awaitRecords(measureId, 1, Duration.ofSeconds(10));
    }

    /** The dedicated broker's records of one key; EventReader reads the shared broker. */
    private static List<ConsumerRecord<String, String>> awaitRecords(String key, int count, Duration timeout) {
        return DedicatedKafkaResource.awaitRecords(TOPIC, record -> key.equals(record.key()), count, timeout);
    }
}
