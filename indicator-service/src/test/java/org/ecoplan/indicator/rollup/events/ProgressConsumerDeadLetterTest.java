package org.ecoplan.indicator.rollup.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An approved report whose measured value no consumer can store (1e15, as an older progress-service accepted) is
 * dead-lettered; the consumer goes on with the next events, and the service stays ready.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ProgressConsumerDeadLetterTest {

    /** Another test class confirms this measure's candidate and reports on it. */
    private static final String ROADS = "城市道路机械化作业率达到97.5%";
    private static final String ADMIN = Tokens.bearer(Roles.ADMIN, null);

    @Inject
    BusinessClock clock;

    @Test
    void deadLettersAValueOutOfRangeAndAppliesTheNextEvents() {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(LocalDate.of(2026, 7, 20), 10);
        Map<String, Object> candidate = unreviewedCandidate();
        String indicator = (String) candidate.get("id");
        @SuppressWarnings("unchecked")
        String unit = (String) ((Map<String, Object>) candidate.get("target")).get("unit");
        given().header("Authorization", ADMIN).contentType("application/json").body("{}")
                .post("/indicators/" + indicator + "/confirm").then().statusCode(200);
        MeasureState measure = SeedCatalogue.measure(m -> m.id().equals(candidate.get("measureId")));

        UUID overflowing;
        try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
            overflowing = progress.send(ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                    ProgressEvents.REPORT_APPROVED.eventType(), approved(measure, "report-overflow-" + UUID.randomUUID(),
                            (String) candidate.get("name"), new BigDecimal("1E+15"), unit));
            progress.send(ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                    ProgressEvents.REPORT_APPROVED.eventType(), approved(measure, "report-sane-" + UUID.randomUUID(),
                            (String) candidate.get("name"), new BigDecimal("42.5"), unit));
        }

        // The later event of the same measure (same partition, after the bad one) is applied.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("series", indicator)
                .queryParam("from", "2026-01-01").get("/observations").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].value", equalTo(42.5f)));
        List<Map<String, Object>> letters = given().header("Authorization", ADMIN)
                .queryParam("consumer", ProgressEventHandler.CONSUMER).queryParam("status", "OPEN").queryParam("size", 500)
                .get("/dead-letters").then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> letter = letters.stream().filter(item -> overflowing.toString().equals(item.get("eventId")))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + overflowing + " in " + letters));
        assertTrue(((String) letter.get("reason")).contains("measuredValues[0].value"), letter.toString());
        assertEquals(measure.id(), letter.get("key"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'event-consumers' }.data.'progress-rollups'", equalTo("running"));
    }

    private static Map<String, Object> unreviewedCandidate() {
        List<Map<String, Object>> candidates = given().queryParam("origin", "MEASURE").queryParam("size", 500)
                .get("/indicators").then().statusCode(200).extract().jsonPath().getList("items");
        return candidates.stream()
                .filter(item -> "CANDIDATE".equals(item.get("reviewState")))
                .filter(item -> item.get("target") != null && ((Map<?, ?>) item.get("target")).get("unit") != null)
                // Other test classes publish copies of the plan as districts of their own: the seed's measures only.
                .filter(item -> SeedCatalogue.measures().stream()
                        .anyMatch(m -> m.id().equals(item.get("measureId")) && !m.text().contains(ROADS)))
                .findFirst().orElseThrow();
    }

    private static ReportEvent approved(MeasureState measure, String reportId, String name, BigDecimal value, String unit) {
        return new ReportEvent(reportId, 2, measure.id(), measure.planId(), measure.taskId(), "2026-06", "MONTHLY",
                WorkflowState.APPROVED, ReportStatus.ON_TRACK, 50, "进展正常", List.of(new MeasuredValue(name, value, unit, null)),
                "ENV", "LEAD", "reporter@ecoplan.test", Instant.now(), "supervisor@ecoplan.test", Instant.now(), null, 0);
    }
}
