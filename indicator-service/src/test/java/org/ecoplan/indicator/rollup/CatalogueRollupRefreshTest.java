package org.ecoplan.indicator.rollup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ecoplan.catalogue.contract.Assignment;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A measure new to the catalogue appears in its scopes' roll-ups without any progress event. */
@QuarkusTest
@TestProfile(CatalogueRollupRefreshTest.RefreshOn.class)
@WithTestResource(RealInfrastructureResource.class)
class CatalogueRollupRefreshTest {

    public static class RefreshOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ecoplan.indicator.rollups.catalogue-refresh-interval", "1s");
        }
    }

    @Test
    void aNewMeasureCountsInItsPlanAndDepartmentRollupsWithoutAProgressEvent() {
        String measureId = UUID.randomUUID().toString();
        String planId = UUID.randomUUID().toString();
        String department = "REFRESH-" + UUID.randomUUID().toString().substring(0, 8);
        var measure = new MeasureState(measureId, 1, planId, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                2026, 1, 1, "开展扬尘专项检查", new MeasureState.Deadline("DATE", null, java.time.LocalDate.of(2026, 12, 31), "年底前"),
                List.of(new Assignment("LEAD", department, null, "刷新测试部门", null)), List.of());
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(CatalogueEvents.TOPIC, CatalogueEvents.MEASURE.aggregateType(), measureId,
                    CatalogueEvents.MEASURE.eventType(), measure);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/rollups/PLAN/" + planId).statusCode() == 200);
        given().get("/rollups/PLAN/" + planId).then().statusCode(200)
                .body("measures", org.hamcrest.Matchers.equalTo(1))
                .body("completed", org.hamcrest.Matchers.equalTo(0));
        given().get("/rollups/DEPARTMENT/" + department).then().statusCode(200)
                .body("measures", org.hamcrest.Matchers.equalTo(1));
    }
}
