package org.ecoplan.catalogue.replica;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.testing.Tokens;
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
    void setsAsideAMeasureWithAnImpossibleDeadlineAndTakesItsCorrectedRevision() {
        String measureId = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        try (var records = new CatalogueRecords()) {
            // As a plan-service that did not check deadlines sent it: "-2026-01-01", the year 2027 BC.
            records.send("measure", measureId, measure(measureId, 1, LocalDate.of(-2026, 1, 1)));
            records.send("measure", marker, measure(marker, 1, LocalDate.of(2026, 6, 30)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> replica.find("measure", marker).isPresent());
        assertTrue(replica.find("measure", measureId).isEmpty(), "the impossible state is not in the replica");
        Map<String, Object> letter = deadLetterOf(measureId);
        assertEquals("OPEN", letter.get("status"));
        assertTrue(((String) letter.get("reason")).contains("deadline.end must be a date from 2000-01-01 to 2100-12-31"),
                letter.toString());
        RestAssured.get("/q/health/live").then().statusCode(200);

        try (var records = new CatalogueRecords()) {
            records.send("measure", measureId, measure(measureId, 2, LocalDate.of(2026, 1, 1)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> replica.find("measure", measureId).isPresent());
        assertEquals(LocalDate.of(2026, 1, 1), replica.find(MeasureState.class, measureId).orElseThrow().deadline().end());
        assertEquals("SUPERSEDED", deadLetterOf(measureId).get("status"));
        RestAssured.get("/q/health/ready").then().statusCode(200);
    }

    private static MeasureState measure(String id, long revision, LocalDate end) {
        return new MeasureState(id, revision, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), 2026, 1, 1, "整治裸露地面", new MeasureState.Deadline("DATE", null, end, "年底前"),
                List.of(new Assignment("LEAD", "REPLICA-TEST", null, "副本测试部门", null)), List.of());
    }

    private static Map<String, Object> deadLetterOf(String key) {
        List<Map<String, Object>> letters = RestAssured.given().header("Authorization", Tokens.bearer("admin", null))
                .queryParam("consumer", CatalogueEventHandler.CONSUMER).queryParam("size", 500)
                .get("/dead-letters").then().statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> ofKey = letters.stream().filter(letter -> key.equals(letter.get("key"))).toList();
        assertEquals(1, ofKey.size(), "dead letters of " + key + ": " + ofKey);
        return ofKey.get(0);
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
