package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Where the lead department reviews (ecoplan.progress.lead-department-approves=true); measure envLedMeasure 20. */
@QuarkusTest
@TestProfile(LeadDepartmentReviewTest.LeadDepartmentApproves.class)
@WithTestResource(RealInfrastructureResource.class)
class LeadDepartmentReviewTest extends ProgressTestSupport {

    public static class LeadDepartmentApproves implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ecoplan.progress.lead-department-approves", "true");
        }
    }

    @Test
    void theLeadDepartmentReviewsTheOtherDepartmentsReportsButNeverItsOwn() {
        String measureId = envLedMeasure(20).id();
        String sciTech = bearer("reporter", "SCI-TECH", "gao.qiang");
        JsonPath contribution = created(sciTech, adHoc(measureId, "ON_TRACK", 30, true));
        JsonPath envReport = created(ENV_REPORTER, adHoc(measureId, "ON_TRACK", 35, true));

        as(ENV_COLLEAGUE).get("/reports/{id}", contribution.getString("id")).then().statusCode(200);
        as(sciTech).header("If-Match", etag(envReport)).post("/reports/{id}/approve", envReport.getString("id"))
                .then().statusCode(403).body("detail", containsString("not the lead department"));
        as(ENV_COLLEAGUE).header("If-Match", etag(envReport)).post("/reports/{id}/approve", envReport.getString("id"))
                .then().statusCode(403).body("detail", containsString("its own department"));

        JsonPath approved = action(ENV_COLLEAGUE, contribution.getString("id"), "approve", etag(contribution), null);
        assertThat(approved.getString("state")).isEqualTo("APPROVED");
        assertThat(approved.getString("reviewedBy")).isEqualTo("li.na");
    }
}
