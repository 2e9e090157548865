package org.ecoplan.events.consumer;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** What an operator alerts on, read where Prometheus reads it. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OperatorMetricsTest {

    private static final String TOPIC = "ecoplan.events-test";

    @Inject
    MeterRegistry metrics;

    @Inject
    EventOutbox outbox;

    @Inject
    DataSource dataSource;

    @Inject
    ConsumerLagMonitor lag;

    @Test
    void countsCommittedEventsByTypeOnly() {
        String type = "test.counted-" + UUID.randomUUID().toString().substring(0, 8) + ".v1";
        QuarkusTransaction.requiringNew().run(() -> outbox.recordAll(java.util.List.of(event(type), event(type))));
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.record(event(type));
            throw new IllegalStateException("rolled back");
        }));

        assertEquals(2.0, metrics.find("ecoplan.events.recorded").tag("type", type).counter().count());
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("ecoplan_events_recorded_total{type=\"" + type + "\"} 2.0"));
    }

    @Test
    void reportsHowLongTheOldestEventWaits() throws Exception {
        String key = UUID.randomUUID().toString();
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (var lock = otherReplica.prepareStatement("select pg_advisory_xact_lock(hashtext('ecoplan.events.outbox-relay'))")) {
                lock.execute();
            }
            QuarkusTransaction.requiringNew().run(() -> outbox.record(new OutgoingEvent(TOPIC, "measure", key,
                    "plan.measure-changed.v1", Map.of("id", key))));
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge("ecoplan.events.outbox.oldest.age") >= 1.5);
            RestAssured.get("/q/metrics").then().statusCode(200)
                    .body(containsString("ecoplan_events_outbox_oldest_age_seconds "));
            otherReplica.commit();
        }
        // Another commit wakes the relay at once; it publishes both.
        QuarkusTransaction.requiringNew().run(() -> outbox.record(new OutgoingEvent(TOPIC, "measure", key + "-wake",
                "plan.measure-changed.v1", Map.of("id", key))));
        await().atMost(Duration.ofSeconds(20)).until(() -> gauge("ecoplan.events.outbox.oldest.age") == 0);
    }

    @Test
    void reportsEachConsumerGroupsLag() throws Exception {
        String waiting = "waiting-" + UUID.randomUUID();
        String behind = "behind-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30)).until(() -> lag.lags().get("events-test-consumer") == 0);
        TestEventHandler.WAITING.add(waiting);
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            writer.send(TestEventHandler.TOPIC, "value", waiting, TestEventHandler.TYPE,
                    new TestEventHandler.ValueRecorded(waiting, BigDecimal.ONE));
            writer.send(TestEventHandler.TOPIC, "value", behind, TestEventHandler.TYPE,
                    new TestEventHandler.ValueRecorded(behind, BigDecimal.TEN));
            // The first waits (busy), the second is stuck behind it: neither is committed.
            Thread.sleep(1500);
            assertEquals(2L, lag.lags().get("events-test-consumer"));
            lag.refresh();
            RestAssured.get("/q/metrics").then().statusCode(200).body(containsString(
                    "ecoplan_events_consumer_lag{group=\"events-test-consumer\",topic=\"ecoplan.events-consumer-test\"} 2.0"));
        } finally {
            TestEventHandler.WAITING.remove(waiting);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> lag.lags().get("events-test-consumer") == 0);
        assertTrue(TestEventHandler.applied(dataSource, behind).size() == 1);
    }

    @Test
    void keepsHttpLatencyAsAHistogram() {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        RestAssured.get("/dead-letters").then().statusCode(401);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("le=\"0.1\""));
    }

    private double gauge(String name) {
        var gauge = metrics.find(name).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static OutgoingEvent event(String type) {
        String key = UUID.randomUUID().toString();
        return new OutgoingEvent(TOPIC, "measure", key, type, Map.of("id", key));
    }
}
