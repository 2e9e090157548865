package org.ecoplan.indicator.status;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Indicator 3 (重污染天数, at most 3) publishes a judgement with the current count for every new heavy-pollution day,
 * also once the budget is spent and its status stays OFF_TRACK: what notification-service needs to warn per day.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class HeavyPollutionDaysEventTest {

    @Inject
    BusinessClock clock;

    @Test
    void everyNewHeavyDayIsPublishedWithTheCountSoFar() {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(LocalDate.of(2026, 11, 20), 10);
        String heavyDays = SeedCatalogue.indicator(3).id();
        // Five November days start clean (another test class of this JVM may have loaded this year's data).
        StringBuilder clean = new StringBuilder("{\"observations\":[");
        for (int day = 1; day <= 5; day++) {
            clean.append(day > 1 ? "," : "").append(aqi(day, 50));
        }
        post(clean.append("]}").toString());
        int before = (int) given().get("/indicators/" + heavyDays).then().statusCode(200).extract().jsonPath()
                .getDouble("status.valueSoFar");

        for (int day = 1; day <= 5; day++) {
            long known = given().get("/indicators/" + heavyDays).then().statusCode(200).extract().jsonPath().getLong("status.sequence");
            post("{\"observations\":[" + aqi(day, 250) + "]}");
            int count = before + day;
            // A new judgement (a later sequence than the one known before this day) with the new count.
            ConsumerRecord<String, String> published = EventReader.awaitRecord(IndicatorEvents.TOPIC,
                    record -> heavyDays.equals(record.key()) && JsonPath.from(record.value()).getLong("sequence") > known
                            && valueSoFar(record) == count, Duration.ofSeconds(30));
            JsonPath event = JsonPath.from(published.value());
            assertEquals(Math.max(0, 3 - count), event.getDouble("requiredForRest"), 1e-9, "heavy days still allowed");
            if (count - 1 > 3) {
                // The budget was spent before this day: the status does not change, the event is published anyway.
                assertEquals("OFF_TRACK", event.getString("previousStatus"));
                assertEquals("OFF_TRACK", event.getString("status"));
            }
            given().get("/indicators/" + heavyDays).then().statusCode(200)
                    .body("status.valueSoFarText", org.hamcrest.Matchers.equalTo(count + "天"));
        }
    }

    private static String aqi(int day, int value) {
        return "{\"series\":\"AQI_DAILY\",\"area\":\"YANQING\",\"period\":\"2026-11-%02d\",\"value\":%d,\"hours\":24}".formatted(day, value);
    }

    private static void post(String body) {
        given().header("Authorization", Tokens.bearer(Roles.INTEGRATOR, null)).contentType("application/json").body(body)
                .post("/observations").then().statusCode(200);
    }

    private static double valueSoFar(ConsumerRecord<String, String> record) {
        Object value = JsonPath.from(record.value()).get("valueSoFar");
        return value == null ? -1 : ((Number) value).doubleValue();
    }
}
