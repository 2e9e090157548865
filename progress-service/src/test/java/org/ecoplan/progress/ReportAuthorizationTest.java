package org.ecoplan.progress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Who may report, read and review (measures envLedMeasure 2-4 and a group measure). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ReportAuthorizationTest extends ProgressTestSupport {

    @Test
    void refusesAReporterOfAnotherDepartmentWithAProblemSayingWhyAndWritesNothing() {
        String measureId = envLedMeasure(2).id();

        post(WATER_REPORTER, "/reports", adHoc(measureId, "ON_TRACK", 10, true)).then()
                .statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("Department WATER has no role on measure " + measureId));

        assertThat(reportCount(SUPERVISOR, measureId)).isZero();
    }

    @Test
    void letsAMemberOfAnAssignedGroupReport() {
        MeasureState measure = seedMeasure(m -> hasRole(m, "LEAD", "ALL-SUBDISTRICTS-TOWNS"));
        String baiquan = bearer("reporter", "BAIQUAN", "liu.yang");

        JsonPath report = created(baiquan, adHoc(measure.id(), "ON_TRACK", 30, false));

        assertThat(report.getString("departmentCode")).isEqualTo("BAIQUAN");
        assertThat(report.getString("departmentRole")).isEqualTo("LEAD");
    }

    @Test
    void showsADepartmentsReportsOnlyToItselfAndTheReviewers() {
        String measureId = envLedMeasure(3).id();
        String id = created(ENV_REPORTER, adHoc(measureId, "ON_TRACK", 20, false)).getString("id");

        as(WATER_REPORTER).get("/reports/{id}", id).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("department WATER cannot see it"));
        as(WATER_REPORTER).queryParam("department", "ENV").get("/reports").then().statusCode(403);
        as(WATER_REPORTER).get("/reports/{id}/history", id).then().statusCode(403);
        as(ENV_COLLEAGUE).get("/reports/{id}", id).then().statusCode(200).header("ETag", "\"1\"");
        as(SUPERVISOR).get("/reports/{id}", id).then().statusCode(200);
        assertThat(as(WATER_REPORTER).queryParam("measure", measureId).get("/reports").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems")).isZero();
        given().get("/reports/{id}", id).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void onlyASupervisorReviewsAndNobodyTheirOwnReport() {
        String measureId = envLedMeasure(4).id();
        JsonPath submitted = created(ENV_REPORTER, adHoc(measureId, "DELAYED", 20, true));
        String id = submitted.getString("id");

        as(ENV_COLLEAGUE).header("If-Match", etag(submitted)).post("/reports/{id}/approve", id).then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("only a supervisor"));
        as(bearer("integrator", null, "gov-system")).header("If-Match", etag(submitted))
                .post("/reports/{id}/approve", id).then().statusCode(403);

        String supervisingReporter = "Bearer " + Tokens.token(Set.of("reporter", "supervisor"), "ENV", "sun.li");
        JsonPath own = created(supervisingReporter, adHoc(measureId, "ON_TRACK", 25, true));
        as(supervisingReporter).header("If-Match", etag(own)).post("/reports/{id}/approve", own.getString("id")).then()
                .statusCode(403).body("detail", containsString("own report"));

        assertThat(action(SUPERVISOR, id, "approve", etag(submitted), null).getString("state")).isEqualTo("APPROVED");
    }
}
