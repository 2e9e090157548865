package org.ecoplan.plan.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** /q/metrics from outside the operator's network: only with the metrics token. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructureResource.class)
@TestProfile(MetricsAccessTest.OperatorNetworkElsewhere.class)
class MetricsAccessTest {

    /** The operator's network is not where the test calls from; a token is configured. */
    public static class OperatorNetworkElsewhere implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ecoplan.metrics.allowed-networks", "10.20.0.0/16,fd00::/8", "ecoplan.metrics.token", "scrape-secret");
        }
    }

    @Test
    void refusesACallerOutsideTheOperatorsNetworkWithoutTheToken() {
        given().get("/q/metrics").then().statusCode(403).contentType("application/problem+json");
        given().get("/q/metrics/").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void refusesAWrongToken() {
        given().header("Authorization", "Bearer not-the-secret").get("/q/metrics").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @Test
    void answersWithTheToken() {
        given().header("Authorization", "Bearer scrape-secret").get("/q/metrics").then().statusCode(200)
                .body(containsString("ecoplan_events"));
    }

    @Test
    void leavesEveryOtherPathAlone() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/plans").then().statusCode(200);
    }
}
