package org.ecoplan.indicator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.ecoplan.testing.SeedCatalogue;

/** Shared set-up of the @QuarkusTest classes: the real seed catalogue, replicated and parsed. */
public final class AppFixture {

    private AppFixture() {
    }

    /** Publishes the seed catalogue once per JVM and waits until the 22 indicators and the measures' candidates exist. */
    public static void seedCatalogueReplicated() {
        SeedCatalogue.publishOnce();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertEquals(22, given().queryParam("origin", "TABLE").queryParam("size", 1).get("/indicators").then()
                    .statusCode(200).extract().jsonPath().getLong("totalItems"));
            // At least: another test of this JVM adds a measure of its own.
            long measures = given().get("/indicators/extraction").then().statusCode(200).extract().jsonPath().getLong("measuresRead");
            assertTrue(measures >= 212, measures + " measures read");
        });
    }
}
