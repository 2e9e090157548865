package org.ecoplan.indicator.api;

import static io.restassured.RestAssured.given;

import org.ecoplan.indicator.AppFixture;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.fuzz.OpenApiFuzzer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of indicator-service's OpenAPI document, fed malformed input: 4xx problems only, nothing
 * written. A real candidate indicator and real series and areas make a broken field the only thing wrong.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class IndicatorApiFuzzTest {

    @Test
    void answersEveryMalformedRequestWithAProblemAndWritesNothing() {
        AppFixture.seedCatalogueReplicated();
        String candidate = given().queryParam("reviewState", "CANDIDATE").queryParam("size", 1).get("/indicators")
                .then().statusCode(200).extract().path("items[0].id");
        OpenApiFuzzer.forService("indicator-service")
                .knownValue("id", candidate)
                .knownValue("series", "PM25_DAILY")
                .knownValue("area", "YANQING")
                .knownValue("code", "ENV")
                .knownValue("scopeType", "DEPARTMENT")
                .knownValue("scopeId", "ENV")
                .knownValue("period", "2026-05-03")
                .knownValue("month", "2026-05")
                .run()
                .assertClean();
    }
}
