package org.ecoplan.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.events.tracing.TraceContext;
import org.ecoplan.notification.GreenMailResource;
import org.ecoplan.notification.ProgressPlayer;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Webhook delivery with several replicas on one database: dispatchers racing for the same deliveries send each
 * once and count every failure of a subscription (disabling it, and telling its owner, once); and the request
 * carries the trace of the event it delivers.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class WebhookReplicasTest {

    private static final String INTEGRATOR = Tokens.bearer("integrator", null);
    private static final int DELIVERIES = 30;

    @Inject
    BusinessClock clock;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    DataSource dataSource;

    @Inject
    CatalogueReplica replica;

    @Test
    void dispatchersOnTwoReplicasSendEachDeliveryOnceAndLoseNoFailure() throws Exception {
        Instant start = Instant.parse("2026-07-01T02:00:00Z");
        String department = TestDepartments.create(replica);
        int closedPort;
        try (var probe = new WebhookReceiver()) {
            closedPort = probe.port();
        }
        String subscription = subscribe("http://127.0.0.1:" + closedPort + "/hooks", department);
        // Queued (as the fan-out queues them) due an hour after the clock, so that no dispatcher touches them before the race.
        clock.setTo(start);
        queue(subscription, start.plus(Duration.ofHours(1)));
        assertThat(count("select count(*) from webhook_delivery where subscription_id = cast(? as uuid)", subscription))
                .isEqualTo(DELIVERIES);

        // Two dispatchers (two replicas' schedulers) start at the same moment; the service's own may join in.
        clock.setTo(start.plus(Duration.ofHours(2)));
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            rounds.add(replicas.submit(() -> {
                go.await();
                return dispatcher.deliverDue();
            }));
        }
        go.countDown();
        int attempts = 0;
        for (Future<Integer> round : rounds) {
            attempts += round.get(60, TimeUnit.SECONDS);
        }
        replicas.shutdown();
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id "
                        + "where d.subscription_id = cast(? as uuid)", subscription) == DELIVERIES);

        assertThat(attempts).as("attempts by the two racing dispatchers").isBetween(1, DELIVERIES);
        assertThat(count("select count(*) from webhook_delivery where subscription_id = cast(? as uuid) and attempts <> 1",
                subscription)).as("deliveries attempted other than once").isZero();
        Map<String, Object> state = given().header("Authorization", INTEGRATOR)
                .get("/webhooks/subscriptions/{id}", subscription).then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(state.get("consecutiveFailures")).as("every failure counted, none lost to a concurrent update")
                .isEqualTo(DELIVERIES);
        assertThat(state.get("enabled")).isEqualTo(false);
        given().header("Authorization", INTEGRATOR).queryParam("box", "USER").queryParam("subject", subscription)
                .get("/inbox/messages").then().statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].rule", org.hamcrest.Matchers.equalTo("WEBHOOK_DISABLED"));
        given().header("Authorization", INTEGRATOR).delete("/webhooks/subscriptions/{id}", subscription).then().statusCode(204);
    }

    @Test
    void theRequestCarriesTheTraceOfTheEventItDelivers() {
        clock.setTo(Instant.parse("2026-07-02T02:00:00Z"));
        String department = TestDepartments.create(replica);
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        try (var receiver = new WebhookReceiver()) {
            String subscription = subscribe(receiver.url(), department);
            String reportId = UUID.randomUUID().toString();
            try (var writer = new EventWriter("/ecoplan/progress-service")) {
                writer.sendJson(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, "m-" + reportId,
                        ProgressEvents.REPORT_SUBMITTED.eventType(), json(ProgressPlayer.report(reportId, 1, "m-" + reportId,
                                "plan-1", "2026-07", WorkflowState.SUBMITTED, 10, department, "reporter@ecoplan.test", clock.now())),
                        Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());

            String traceparent = receiver.received().get(0).headers().get("traceparent");
            assertThat(traceparent).as("traceparent of the webhook request").isNotNull();
            TraceContext sent = new TraceContext(traceparent, null);
            assertThat(sent.traceId()).isEqualTo(traceId);
            assertThat(sent.spanContext().getSpanId()).as("the delivery's own span").isNotEqualTo("b7ad6b7169203331");
            given().header("Authorization", INTEGRATOR).delete("/webhooks/subscriptions/{id}", subscription).then().statusCode(204);
        }
    }

    private static String subscribe(String url, String department) {
        return given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", List.of("PROGRESS"), "departmentCode", department,
                        "description", "replica test"))
                .post("/webhooks/subscriptions").then().statusCode(201).extract().path("subscription.id");
    }

    private void queue(String subscription, Instant due) {
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement("""
                insert into webhook_delivery (id, subscription_id, event_id, event_type, body, status, attempts,
                                              next_attempt_at, created_at)
                values (?, cast(? as uuid), ?, 'progress.report-submitted.v1', '{}', 'PENDING', 0, ?, ?)""")) {
            for (int i = 0; i < DELIVERIES; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, subscription);
                insert.setObject(3, UUID.randomUUID());
                insert.setTimestamp(4, java.sql.Timestamp.from(due));
                insert.setTimestamp(5, java.sql.Timestamp.from(due));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, String subscription) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(sql)) {
            query.setString(1, subscription);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return EventWriter.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
