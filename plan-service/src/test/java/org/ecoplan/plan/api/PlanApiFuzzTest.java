package org.ecoplan.plan.api;

import static io.restassured.RestAssured.given;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.fuzz.OpenApiFuzzer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every operation of plan-service's OpenAPI document, fed malformed input: 4xx problems only, nothing written. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructureResource.class)
class PlanApiFuzzTest {

    @Test
    void answersEveryMalformedRequestWithAProblemAndWritesNothing() {
        // A real measure and its ETag, so that a broken field of an edit is all that stands between it and a write.
        String measure = given().get("/measures?size=1").then().statusCode(200).extract().path("items[0].id");
        String etag = given().get("/measures/{id}", measure).then().statusCode(200).extract().header("ETag");
        OpenApiFuzzer.forService("plan-service")
                .knownValue("id", measure)
                .knownValue("If-Match", etag)
                .run()
                .assertClean();
    }
}
