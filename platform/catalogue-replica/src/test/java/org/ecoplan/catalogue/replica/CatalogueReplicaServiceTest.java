package org.ecoplan.catalogue.replica;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.MeasureState;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * What every service that keeps a catalogue replica must do, whatever else it does: boot against
 * the real PostgreSQL and Kafka, report ready, serve its OpenAPI and Swagger UI, and fill its
 * replica from the broker. A service's test extends this, adds {@code @QuarkusTest} and
 * {@code @WithTestResource(RealInfrastructureResource.class)}, and names its OpenAPI title.
 * Shipped in this module's test-jar.
 */
public abstract class CatalogueReplicaServiceTest {

    @Inject
    CatalogueReplica replica;

    /** {@code quarkus.smallrye-openapi.info-title} of the service under test. */
    protected abstract String openApiTitle();

    @Test
    void isReadyWithDatabaseAndKafka() {
        RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void servesItsOpenApiIncludingTheCatalogueStatus() {
        RestAssured.given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo(openApiTitle()))
                .body("paths.'/catalogue/status'.get", notNullValue());
    }

    @Test
    void servesSwaggerUi() {
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void fillsItsCatalogueReplicaFromTheBroker() {
        String measureId = UUID.randomUUID().toString();
        try (var records = new CatalogueRecords()) {
            // A complete measure state: the service under test may read every replicated measure.
            records.send("measure", measureId, new MeasureState(measureId, 1, UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString(), 2026, 1, 1, "开展裸露地面扬尘治理",
                    new MeasureState.Deadline("ONGOING", null, null, "持续推进"),
                    List.of(new Assignment("LEAD", "REPLICA-TEST", null, "副本测试部门", null)), List.of()));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> replica.find("measure", measureId).isPresent());
        RestAssured.get("/catalogue/status").then()
                .statusCode(200)
                .body("lastUpdatedAt", notNullValue());
    }
}
