package org.ecoplan.events.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.testing.DedicatedPostgresResource;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * PostgreSQL stops while records arrive and comes back: the consumer retries the record it was on, the service
 * says it is not ready (quickly) and answers requests with 503, and once the database is back every record is
 * applied exactly once, with no manual step.
 */
@QuarkusTest
@WithTestResource(DedicatedPostgresResource.class)
class ConsumerOutageTest {

    /** What Kubernetes gives a readiness probe by default (1 s) with room for a busy 2-core test machine. */
    private static final long READINESS_ANSWER_MS = 2000;
    private static final int RECORDS_DURING_OUTAGE = 10;

    @Inject
    DataSource dataSource;

    @Inject
    ConsumerHealth health;

    @Test
    void resumesWhereItWasOnceTheDatabaseIsBackAndAppliesEveryRecordOnce() {
        String subject = "outage-" + UUID.randomUUID();
        String batchSubject = "outage-batch-" + UUID.randomUUID();
        List<UUID> sent = new ArrayList<>();
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            sent.add(send(writer, subject, 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestEventHandler.applied(dataSource, subject).size() == 1);

            DedicatedPostgresResource.stopDatabase();
            try {
                for (int i = 1; i <= RECORDS_DURING_OUTAGE; i++) {
                    sent.add(send(writer, subject, i));
                }
                // The same records for the consumer that takes a poll's records together: one poll, one batch to retry.
                writer.together(() -> sent.forEach(id -> writer.send(id, TestBatchEventHandler.TOPIC, "value", batchSubject,
                        TestEventHandler.TYPE, new TestEventHandler.ValueRecorded(batchSubject, BigDecimal.ONE))));
                await().atMost(Duration.ofSeconds(20)).until(() -> stateOf(TestBatchEventHandler.CONSUMER) == ConsumerHealth.State.RETRYING);
                // Not ready, and saying so at once: the database check and the consumer retrying its record.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    Response ready = timedReadiness();
                    ready.then().statusCode(503)
                            .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"))
                            .body("checks.find { it.name == 'event-consumers' }.status", equalTo("DOWN"));
                });
                for (int i = 0; i < 3; i++) {
                    timedReadiness().then().statusCode(503);
                }
                given().get("/q/health/live").then().statusCode(200);

                // A request that needs the database: 503 with Retry-After, not 500.
                given().header("Authorization", Tokens.bearer("admin", null)).get("/dead-letters").then()
                        .statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", notNullValue())
                        .body("status", equalTo(503));
            } finally {
                DedicatedPostgresResource.startDatabase();
            }
        }
        long back = System.nanoTime();

        await().atMost(Duration.ofSeconds(60)).until(() -> TestEventHandler.applied(dataSource, subject).size() == sent.size());
        long appliedMs = (System.nanoTime() - back) / 1_000_000;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        long readyMs = (System.nanoTime() - back) / 1_000_000;
        ConsumerHealth.Consumer consumer = health.all().stream()
                .filter(candidate -> candidate.name().equals(TestEventHandler.CONSUMER)).findFirst().orElseThrow();
        Log.infof("PostgreSQL outage: %d records sent meanwhile; all applied %d ms after PostgreSQL was back, ready after %d ms;"
                + " the consumer was held up %d ms in all", RECORDS_DURING_OUTAGE, appliedMs, readyMs,
                consumer.lastRecovery() == null ? -1 : consumer.lastRecovery().toMillis());

        Map<UUID, Integer> applied = TestEventHandler.applied(dataSource, subject);
        assertEquals(sent.stream().collect(Collectors.toMap(Function.identity(), id -> 1)), applied,
                "every record exactly once");
        assertTrue(EventConsumptionTest.lettersOf(subject).isEmpty(), "nothing was dead-lettered");
        assertEquals(ConsumerHealth.State.RUNNING, consumer.state());

        await().atMost(Duration.ofSeconds(30)).until(() -> TestEventHandler.applied(dataSource, batchSubject).size() == sent.size());
        assertEquals(sent.stream().collect(Collectors.toMap(Function.identity(), id -> 1)),
                TestEventHandler.applied(dataSource, batchSubject), "every record of the retried batch exactly once");
        assertEquals(1, sent.stream().map(TestBatchEventHandler.TRANSACTIONS::get).distinct().count(),
                "the records sent together during the outage were retried and applied as one batch");
        assertEquals(ConsumerHealth.State.RUNNING, stateOf(TestBatchEventHandler.CONSUMER));
    }

    private ConsumerHealth.State stateOf(String consumer) {
        return health.all().stream().filter(candidate -> candidate.name().equals(consumer)).findFirst().orElseThrow().state();
    }

    private static UUID send(EventWriter writer, String subject, int value) {
        return writer.send(TestEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                new TestEventHandler.ValueRecorded(subject, BigDecimal.valueOf(value)));
    }

    private static Response timedReadiness() {
        long start = System.nanoTime();
        Response response = given().get("/q/health/ready");
        long ms = (System.nanoTime() - start) / 1_000_000;
        Log.infof("Readiness answered %d in %d ms while PostgreSQL is away", response.statusCode(), ms);
        assertTrue(ms < READINESS_ANSWER_MS, "readiness took " + ms + " ms");
        return response;
    }
}
