package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Malformed and invalid input: problem+json 4xx naming the field, and nothing written (envLedMeasure 10, 11). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ReportValidationTest extends ProgressTestSupport {

    /** A violation inside a list item is named by the item's position. */
    private static final String UNIT_FIELD = "measuredValues[0].unit";

    @Test
    void answersEveryMalformedOrInvalidReportWithAProblemAndWritesNothing() {
        String m = envLedMeasure(10).id();
        String longNarrative = "很".repeat(4001);
        Object[][] cases = {
                { "{\"measureId\":", 400, null },
                { "[1,2]", 400, null },
                { "{\"measureId\":\"" + m + "\",\"kind\":\"AD_HOC\",\"status\":\"ON_TRACK\",\"percentComplete\":5,\"colour\":\"red\"}", 400, "colour" },
                { adHoc(m, "ON_TRACK", 101, false), 400, "percentComplete" },
                { adHoc(m, "ON_TRACK", -1, false), 400, "percentComplete" },
                { adHoc(m, "COMPLETED", 90, false), 400, "percentComplete" },
                { adHoc(m, "FINISHED", 90, false), 400, "status" },
                { "{\"measureId\":\"" + m + "\",\"kind\":\"AD_HOC\",\"status\":\"ON_TRACK\"}", 400, "percentComplete" },
                { "{\"measureId\":\"" + m + "\",\"kind\":\"AD_HOC\",\"status\":\"ON_TRACK\",\"percentComplete\":5,\"narrative\":\"" + longNarrative + "\"}", 400, "narrative" },
                { "{\"measureId\":\"" + m + "\",\"kind\":\"AD_HOC\",\"status\":\"ON_TRACK\",\"percentComplete\":5,\"measuredValues\":[{\"name\":\"完成率\",\"value\":5}]}", 400, UNIT_FIELD },
                { "{\"measureId\":\"" + m + "\",\"kind\":\"AD_HOC\",\"status\":\"ON_TRACK\",\"percentComplete\":5,\"measuredValues\":[{\"name\":\"完成率\",\"value\":\"很多\",\"unit\":\"%\"}]}", 400, "measuredValues[0].value" },
                // Outside what every consumer stores (numeric(20, 6)): refused here, not dead-lettered downstream.
                { measuredValue(m, "1e15"), 400, "measuredValues[0].value" },
                { measuredValue(m, "1e400"), 400, "measuredValues[0].value" },
                { measuredValue(m, "-100000000000000"), 400, "measuredValues[0].value" },
                { measuredValue(m, "97.1234567"), 400, "measuredValues[0].value" },
                { monthly(m, "2026-13", "ON_TRACK", 5, false), 400, "period" },
                { monthly(m, "2099-01", "ON_TRACK", 5, false), 422, "period" },
                { "{\"measureId\":\"" + m + "\",\"kind\":\"MONTHLY\",\"status\":\"ON_TRACK\",\"percentComplete\":5}", 400, "period" },
                { "{\"measureId\":\"" + m + "\",\"kind\":\"AD_HOC\",\"period\":\"2026-05\",\"status\":\"ON_TRACK\",\"percentComplete\":5}", 400, "period" },
                { adHoc("no-such-measure", "ON_TRACK", 5, false), 422, "measureId" },
        };
        for (Object[] invalid : cases) {
            var answer = post(ENV_REPORTER, "/reports", (String) invalid[0]).then()
                    .statusCode((Integer) invalid[1]).contentType("application/problem+json")
                    .body("status", equalTo(invalid[1]));
            if (invalid[2] != null) {
                answer.body("errors.field", hasItem((String) invalid[2]));
            }
        }
        as(ENV_REPORTER).contentType("text/plain").body("进展顺利").post("/reports").then().statusCode(415)
                .contentType("application/problem+json");

        assertThat(reportCount(SUPERVISOR, m)).isZero();
    }

    @Test
    void acceptsTheLargestAndFinestValueEveryConsumerStores() {
        String m = envLedMeasure(17).id();
        created(ENV_REPORTER, measuredValue(m, "99999999999999.999999"));
        assertThat(reportCount(SUPERVISOR, m)).isEqualTo(1);
    }

    private static String measuredValue(String measureId, String value) {
        return "{\"measureId\":\"" + measureId + "\",\"kind\":\"AD_HOC\",\"status\":\"ON_TRACK\",\"percentComplete\":5,"
                + "\"measuredValues\":[{\"name\":\"完成率\",\"value\":" + value + ",\"unit\":\"%\"}]}";
    }

    @Test
    void refusesASecondMonthlyReportForTheSamePeriodNamingTheFirst() {
        String measureId = envLedMeasure(11).id();
        String first = created(ENV_REPORTER, monthly(measureId, "2026-02", "ON_TRACK", 10, false)).getString("id");

        post(ENV_COLLEAGUE, "/reports", monthly(measureId, "2026-02", "AT_RISK", 12, true)).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString(first));
        created(ENV_REPORTER, monthly(measureId, "2026-01", "ON_TRACK", 5, false));
        assertThat(reportCount(SUPERVISOR, measureId)).isEqualTo(2);
    }

    @Test
    void answersAnUnknownReportWith404() {
        as(SUPERVISOR).get("/reports/{id}", "0b6f0c2e-8f4f-4b57-9c1f-2d0c5f0e9a11").then().statusCode(404)
                .contentType("application/problem+json");
        as(SUPERVISOR).get("/measures/{id}/status", "no-such-measure").then().statusCode(404)
                .contentType("application/problem+json");
        as(SUPERVISOR).queryParam("state", "FINISHED").get("/reports").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
    }
}
