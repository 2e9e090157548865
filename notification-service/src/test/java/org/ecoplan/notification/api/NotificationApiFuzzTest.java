package org.ecoplan.notification.api;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import java.util.Map;
import jakarta.inject.Inject;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.testing.SeedCatalogue;
import static io.restassured.RestAssured.given;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.testing.fuzz.OpenApiFuzzer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of notification-service's OpenAPI document, fed malformed input: 4xx problems only, nothing
 * written. The webhook dispatcher and the e-mail sender keep working on what other tests left behind, so the
 * columns they update (attempts, next attempt, status) and the attempt log are left out of the no-write check;
 * a new subscription, delivery or message would still show.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class NotificationApiFuzzTest {

    @Inject
    CatalogueReplica replica;

    @Test
    void answersEveryMalformedRequestWithAProblemAndWritesNothing() {
        // The subscription names a department the catalogue knows (an unknown one is refused), that no event concerns
        // in this class.
        SeedCatalogue.publishOnce();
        await().atMost(Duration.ofSeconds(60)).until(() -> !replica.findContaining(
                CatalogueEvents.DEPARTMENT.aggregateType(), Map.of("code", "ENV")).isEmpty());
        String subscription = given().header("Authorization", Tokens.bearer("admin", "ENV")).contentType("application/json")
                .body("{\"url\":\"http://127.0.0.1:9/fuzz-hooks\",\"eventTypes\":[\"INDICATOR\"],\"departmentCode\":\"ENV\"}")
                .post("/webhooks/subscriptions").then().statusCode(201).extract().path("subscription.id");
        OpenApiFuzzer.forService("notification-service")
                .knownValue("id", subscription)
                .knownValue("department", "ENV")
                .ignoringTable("webhook_attempt")
                .ignoringColumns("webhook_subscription", "enabled", "disabled_reason", "consecutive_failures", "updated_at")
                .ignoringColumns("webhook_delivery", "status", "attempts", "next_attempt_at", "last_attempt_at",
                        "last_status_code", "last_error", "delivered_at")
                .ignoringColumns("email_message", "status", "attempts", "next_attempt_at", "last_error", "sent_at")
                .run()
                .assertClean();
    }
}
