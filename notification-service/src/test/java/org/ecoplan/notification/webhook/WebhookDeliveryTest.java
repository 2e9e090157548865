package org.ecoplan.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.notification.GreenMailResource;
import org.ecoplan.notification.ProgressPlayer;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Webhooks end to end: a real HTTP receiver on loopback (allow-listed in tests), real progress events. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class WebhookDeliveryTest {

    private static final String INTEGRATOR = Tokens.bearer("integrator", null);

    @Inject
    BusinessClock clock;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    DataSource dataSource;

    @Inject
    CatalogueReplica replica;

    @Inject
    MeterRegistry metrics;

    @Test
    void refusesTargetsInPrivateLoopbackOrLinkLocalNetworksThatAreNotAllowListed() {
        for (String url : List.of("http://10.1.2.3/hooks", "http://192.168.1.20:8080/hooks", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080/hooks", "http://[fd00::1]/hooks")) {
            given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "eventTypes", List.of("PROGRESS")))
                    .post("/webhooks/subscriptions").then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"));
        }
        given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://example.org/x", "eventTypes", List.of("PROGRESS")))
                .post("/webhooks/subscriptions").then().statusCode(400);
        given().header("Authorization", Tokens.bearer("reporter", "ENV")).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("PROGRESS")))
                .post("/webhooks/subscriptions").then().statusCode(403);
    }

    @Test
    void deliversSignedEventsAgainAfterTheReceiverWasDownAndOnRequest() {
        clock.setTo(Instant.parse("2026-04-01T01:00:00Z"));
        String department = TestDepartments.create(replica);
        String measureId = UUID.randomUUID().toString();
        WebhookReceiver receiver = new WebhookReceiver();
        int port = receiver.port();
        JsonPath created = subscribe(receiver.url(), department, List.of("PROGRESS", "NOTIFICATION"));
        String subscriptionId = created.getString("subscription.id");
        String secret = created.getString("secret");
        assertThat(secret).startsWith("whsec_");
        // The secret is shown once: later reads do not carry it.
        given().header("Authorization", INTEGRATOR).get("/webhooks/subscriptions/{id}", subscriptionId).then()
                .statusCode(200).body("secret", equalTo(null)).body("enabled", equalTo(true));

        try (var player = new ProgressPlayer(dataSource)) {
            String reportId = UUID.randomUUID().toString();
            Instant submittedAt = Instant.parse("2026-04-01T01:00:00Z");
            player.report(ProgressEvents.REPORT_SUBMITTED, ProgressPlayer.report(reportId, 1, measureId, "plan-1", "2026-03",
                    WorkflowState.SUBMITTED, 40, department, "reporter@ecoplan.test", submittedAt));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 1);
            WebhookReceiver.Received first = receiver.received().get(0);
            assertSignedBy(secret, first);
            JsonNode body = json(first.body());
            assertThat(body.get("type").asText()).isEqualTo("progress.report-submitted.v1");
            assertThat(body.at("/data/reportId").asText()).isEqualTo(reportId);

            // A return raises an alert for the department: it arrives as a notification event.
            player.report(ProgressEvents.REPORT_RETURNED, ProgressPlayer.report(reportId, 2, measureId, "plan-1", "2026-03",
                    WorkflowState.RETURNED, 40, department, "reporter@ecoplan.test", submittedAt));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream()
                    .anyMatch(r -> r.body().contains("notification.alert-raised.v1")));
            WebhookReceiver.Received alert = receiver.received().stream()
                    .filter(r -> r.body().contains("notification.alert-raised.v1")).findFirst().orElseThrow();
            assertSignedBy(secret, alert);
            assertThat(json(alert.body()).at("/data/rule").asText()).isEqualTo("REPORT_RETURNED");
            assertThat(json(alert.body()).at("/data/departments").toString()).contains(department);

            // Both deliveries of the return (the progress event and the alert) are in before the receiver goes down.
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() >= 3);
            assertThat(receiver.received()).hasSize(3);

            // The receiver goes down: the delivery fails and waits for its back-off.
            receiver.close();
            player.report(ProgressEvents.REPORT_SUBMITTED, ProgressPlayer.report(reportId, 3, measureId, "plan-1", "2026-03",
                    WorkflowState.SUBMITTED, 45, department, "reporter@ecoplan.test", submittedAt));
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(subscriptionId, "PENDING").stream()
                    .anyMatch(d -> ((Number) d.get("attempts")).intValue() >= 1));
            Map<String, Object> failed = deliveries(subscriptionId, "PENDING").get(0);
            assertThat((String) failed.get("lastError")).isNotBlank();
            assertThat(Instant.parse((String) failed.get("nextAttemptAt"))).isAfter(clock.now());

            // Back up on the same port; once the back-off has passed, the delivery arrives.
            try (var again = new WebhookReceiver(port)) {
                clock.setTo(clock.now().plus(Duration.ofMinutes(1)));
                dispatcher.deliverDue();
                await().atMost(Duration.ofSeconds(20)).until(() -> again.received().size() >= 1);
                WebhookReceiver.Received redelivered = again.received().get(0);
                assertSignedBy(secret, redelivered);
                assertThat(redelivered.headers().get("webhook-id")).isEqualTo(failed.get("id"));
                assertThat(json(redelivered.body()).at("/data/reportRevision").asLong()).isEqualTo(3);
                String deliveryId = (String) failed.get("id");
                given().header("Authorization", INTEGRATOR).get("/webhooks/deliveries/{id}", deliveryId).then()
                        .statusCode(200)
                        .body("status", equalTo("DELIVERED"))
                        .body("attempts", equalTo(2))
                        .body("log.size()", equalTo(2))
                        .body("log[1].statusCode", equalTo(204));

                // Manual redelivery sends the same message (same webhook-id) once more.
                given().header("Authorization", INTEGRATOR).post("/webhooks/deliveries/{id}/redeliver", deliveryId).then()
                        .statusCode(202).body("status", equalTo("PENDING"));
                dispatcher.deliverDue();
                await().atMost(Duration.ofSeconds(20)).until(() -> again.received().size() >= 2);
                assertThat(again.received().get(1).headers().get("webhook-id")).isEqualTo(deliveryId);
            }
        } finally {
            given().header("Authorization", INTEGRATOR).delete("/webhooks/subscriptions/{id}", subscriptionId).then().statusCode(204);
        }
    }

    @Test
    void disablesASubscriptionThatKeepsFailingAndTellsItsOwner() {
        clock.setTo(Instant.parse("2026-05-01T01:00:00Z"));
        String department = TestDepartments.create(replica);
        int closedPort;
        try (var probe = new WebhookReceiver()) {
            closedPort = probe.port();
        }
        String subscriptionId = subscribe("http://127.0.0.1:" + closedPort + "/hooks", department, List.of("PROGRESS"))
                .getString("subscription.id");
        double failedBefore = metrics.counter("ecoplan.webhook.attempts", "outcome", "failed").count();
        double disabledBefore = metrics.counter("ecoplan.webhook.subscriptions.disabled").count();
        try (var writer = new EventWriter("/ecoplan/progress-service"); var player = new ProgressPlayer(dataSource)) {
            UUID eventId = UUID.randomUUID();
            writer.send(eventId, ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, "m-" + department,
                    ProgressEvents.REPORT_SUBMITTED.eventType(), ProgressPlayer.report(UUID.randomUUID().toString(), 1,
                            "m-" + department, "plan-1", "2026-04", WorkflowState.SUBMITTED, 10, department,
                            "reporter@ecoplan.test", clock.now()));
            player.awaitHandled(eventId);
        }
        // Four failed attempts in a row (the test limit), each after its back-off.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            clock.setTo(clock.now().plus(Duration.ofHours(1)));
            dispatcher.deliverDue();
            return !given().header("Authorization", INTEGRATOR).get("/webhooks/subscriptions/{id}", subscriptionId)
                    .then().extract().jsonPath().getBoolean("enabled");
        });
        given().header("Authorization", INTEGRATOR).get("/webhooks/subscriptions/{id}", subscriptionId).then()
                .body("consecutiveFailures", equalTo(4))
                .body("disabledReason", startsWith("disabled after 4 failed attempts"));
        // What an operator alerts on (ecoplan_webhook_attempts_total{outcome="failed"},
        // ecoplan_webhook_subscriptions_disabled_total) counted the four failures and the disabled subscription (at
        // least: deliverDue also retries what earlier tests of this class left failing).
        assertThat(metrics.counter("ecoplan.webhook.attempts", "outcome", "failed").count() - failedBefore)
                .isGreaterThanOrEqualTo(4);
        assertThat(metrics.counter("ecoplan.webhook.subscriptions.disabled").count() - disabledBefore)
                .isGreaterThanOrEqualTo(1);
        given().header("Authorization", INTEGRATOR).queryParam("box", "USER").queryParam("subject", subscriptionId)
                .get("/inbox/messages").then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].rule", equalTo("WEBHOOK_DISABLED"));
        // A disabled subscription is not redelivered to until it is enabled again.
        String deliveryId = deliveries(subscriptionId, null).get(0).get("id").toString();
        given().header("Authorization", INTEGRATOR).post("/webhooks/deliveries/{id}/redeliver", deliveryId).then().statusCode(409);
        given().header("Authorization", INTEGRATOR).post("/webhooks/subscriptions/{id}/enable", subscriptionId).then()
                .statusCode(200).body("enabled", equalTo(true)).body("consecutiveFailures", equalTo(0));
        // Another integrator does not see it.
        given().header("Authorization", "Bearer " + Tokens.token(java.util.Set.of("integrator"), null, "other@ecoplan.test"))
                .get("/webhooks/subscriptions/{id}", subscriptionId).then().statusCode(404);
        given().header("Authorization", INTEGRATOR).delete("/webhooks/subscriptions/{id}", subscriptionId).then().statusCode(204);
    }

    private static JsonPath subscribe(String url, String department, List<String> eventTypes) {
        return given().header("Authorization", INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("url", url, "eventTypes", eventTypes, "departmentCode", department, "description", "test receiver"))
                .post("/webhooks/subscriptions").then()
                .statusCode(201)
                .body("subscription.url", equalTo(url))
                .extract().jsonPath();
    }

    private static List<Map<String, Object>> deliveries(String subscriptionId, String status) {
        var request = given().header("Authorization", INTEGRATOR);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.get("/webhooks/subscriptions/{id}/deliveries", subscriptionId).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    /** Verifies the Standard Webhooks signature independently of the service's code. */
    private static void assertSignedBy(String secret, WebhookReceiver.Received received) {
        String id = received.headers().get("webhook-id");
        String timestamp = received.headers().get("webhook-timestamp");
        assertThat(id).isNotBlank();
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(300L));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + received.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(received.headers().get("webhook-signature").split(" ")).contains(expected);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return EventWriter.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
