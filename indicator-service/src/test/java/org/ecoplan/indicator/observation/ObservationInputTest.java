package org.ecoplan.indicator.observation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Observations the JSON API refuses as sent, naming the field, and records nothing of (2026-11-2x, BAIQUAN). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ObservationInputTest {

    private static final String SUPERVISOR = Tokens.bearer("supervisor", "ENV");

    @Test
    void refusesABlankAreaOrSourceAndANonTextSource() {
        String[][] cases = {
                { "\"area\":\"\"", "observations[0].area" },
                { "\"area\":\"   \"", "observations[0].area" },
                { "\"area\":\"\u3000\"", "observations[0].area" },
                { "\"area\":\"BAIQUAN\",\"source\":true", "observations[0].source" },
                { "\"area\":\"BAIQUAN\",\"source\":12", "observations[0].source" },
                { "\"area\":\"BAIQUAN\",\"source\":\" \"", "observations[0].source" },
                { "\"area\":\"BAIQUAN\",\"source\":\"站\\u0000\"", "observations[0].source" },
                { "\"area\":\"BAIQUAN\",\"hours\":23.5", "observations[0].hours" },
                { "\"area\":\"BAIQUAN\",\"valid\":\"true\"", "observations[0].valid" },
        };
        for (String[] invalid : cases) {
            given().header("Authorization", SUPERVISOR).contentType("application/json")
                    .body("{\"observations\":[{\"series\":\"PM25_DAILY\",\"period\":\"2026-11-21\",\"value\":31.5," + invalid[0] + "}]}")
                    .post("/observations").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(invalid[1]));
        }
        given().queryParam("series", "PM25_DAILY").queryParam("area", "BAIQUAN").queryParam("period", "2026-11-21")
                .get("/observations/history").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void takesAnExplicitNullSourceAsNoSource() {
        given().header("Authorization", SUPERVISOR).contentType("application/json")
                .body("{\"observations\":[{\"series\":\"PM25_DAILY\",\"area\":\"BAIQUAN\",\"period\":\"2026-11-22\",\"value\":30,\"source\":null}]}")
                .post("/observations").then().statusCode(200);
        given().queryParam("series", "PM25_DAILY").queryParam("area", "BAIQUAN").queryParam("period", "2026-11-22")
                .get("/observations/history").then().statusCode(200).body("[0].source", equalTo("api"));
    }
}
