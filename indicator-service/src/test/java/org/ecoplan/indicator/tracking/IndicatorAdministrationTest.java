package org.ecoplan.indicator.tracking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class IndicatorAdministrationTest {

    @Inject
    BusinessClock clock;

    @BeforeEach
    void seed() {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(LocalDate.of(2026, 7, 20), 10);
    }

    @Test
    void keepsACityTargetPendingUntilAnAdministratorSetsIt() {
        String nitrogenOxides = SeedCatalogue.indicator(7).id();
        given().get("/indicators/" + nitrogenOxides).then().statusCode(200)
                .body("target.state", equalTo("PENDING"))
                .body("status.status", equalTo("TARGET_PENDING"));
        given().header("Authorization", Tokens.bearer(Roles.REPORTER, "ENV")).contentType("application/json")
                .body("{\"value\":120}").put("/indicators/" + nitrogenOxides + "/target").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).contentType("application/json; charset=UTF-8")
                .body("{\"value\":120,\"unit\":\"吨\"}").put("/indicators/" + nitrogenOxides + "/target").then()
                .statusCode(200)
                .body("target.state", equalTo("SET"))
                .body("target.value", equalTo(120))
                .body("target.unit", equalTo("吨"))
                .body("target.setBy", equalTo("admin@ecoplan.test"))
                .body("status.status", equalTo("NO_DATA"));
    }

    @Test
    void turnsMeasuredValuesOfApprovedReportsIntoObservationsOfAConfirmedCandidate() {
        MeasureState roads = SeedCatalogue.measure(measure -> measure.text().contains("城市道路机械化作业率达到97.5%"));
        List<Map<String, Object>> candidates = given().queryParam("origin", "MEASURE").queryParam("size", 500)
                .get("/indicators").then().statusCode(200).extract().jsonPath().getList("items");
        String candidate = candidates.stream()
                .filter(item -> roads.id().equals(item.get("measureId")) && "城市道路机械化作业率".equals(item.get("name")))
                .map(item -> (String) item.get("id")).findFirst().orElseThrow();
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).contentType("application/json").body("{}")
                .post("/indicators/" + candidate + "/confirm").then().statusCode(200)
                .body("reviewState", equalTo("CONFIRMED"))
                .body("target.comparison", equalTo("AT_LEAST"))
                .body("status.status", equalTo("NO_DATA"));

        try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
            ReportEvent approved = new ReportEvent("report-roads-2026-06", 3, roads.id(), roads.planId(), roads.taskId(),
                    "2026-06", "MONTHLY", WorkflowState.APPROVED, ReportStatus.ON_TRACK, 50, "机扫作业正常",
                    List.of(new MeasuredValue("城市道路机械化作业率", new BigDecimal("97.8"), "%", null)), "URBAN-MGMT", "LEAD",
                    "reporter@ecoplan.test", Instant.now(), "supervisor@ecoplan.test", Instant.now(), null, 2);
            progress.send(ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, roads.id(),
                    ProgressEvents.REPORT_APPROVED.eventType(), approved);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/indicators/" + candidate).then()
                .body("status.status", equalTo("ON_TRACK"))
                .body("status.valueSoFar", equalTo(97.8f)));
        given().queryParam("series", candidate).queryParam("from", "2026-01-01").get("/observations").then().statusCode(200)
                .body("items[0].source", equalTo("progress-report"))
                .body("items[0].sourceRef", equalTo("report-roads-2026-06"))
                .body("items[0].period", equalTo("2026-06"));
    }

    @Test
    void answersNotModifiedWhenTheIndicatorIsUnchanged() {
        String heavyDays = SeedCatalogue.indicator(3).id();
        String etag = given().get("/indicators/" + heavyDays).then().statusCode(200)
                .body("target.comparison", equalTo("AT_MOST"))
                .body("target.kind", equalTo("COUNT_OF_DAYS"))
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/indicators/" + heavyDays).then().statusCode(304);
    }

    @Test
    void reportsWhatTheExtractorFoundAndCouldNotRead() {
        given().get("/indicators/extraction").then().statusCode(200)
                .body("found", greaterThan(20))
                .body("unreadFragments", greaterThan(0))
                .body("unread[0].fragments", notNullValue());
    }

    @Test
    void showsADepartmentsMeasuresAndIndicatorsOnOnePage() {
        given().get("/departments/ENV/scorecard").then().statusCode(200)
                .body("name", equalTo("区生态环境局"))
                .body("measures.size()", greaterThan(20))
                .body("indicators.number", hasItem(1));
        given().get("/departments/KANGZHUANG/scorecard").then().statusCode(200)
                .body("measures.size()", greaterThan(0));
        given().get("/departments/NOPE/scorecard").then().statusCode(404);
    }
}
