package org.ecoplan.notification;

import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.ecoplan.catalogue.replica.CatalogueReplicaServiceTest;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.ecoplan.testing.RealInfrastructureResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class NotificationServiceTest extends CatalogueReplicaServiceTest {

    @Override
    protected String openApiTitle() {
        return "EcoPlan notification-service";
    }

    @Test
    void onlyAnAdministratorRunsTheRulesByHand() {
        RestAssured.post("/supervision/run").then().statusCode(401).contentType("application/problem+json");
        for (String role : List.of("reporter", "supervisor", "integrator")) {
            RestAssured.given().header("Authorization", Tokens.bearer(role, "ENV")).post("/supervision/run").then()
                    .statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void documentsTheNotificationApi() {
        RestAssured.given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/inbox/messages'.get", notNullValue())
                .body("paths.'/webhooks/subscriptions'.post", notNullValue())
                .body("paths.'/alerts'.get", notNullValue());
    }
}
