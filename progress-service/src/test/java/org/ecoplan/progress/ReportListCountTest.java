package org.ecoplan.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Report lists count exactly up to 10,000 reports beyond the page, then say that the total is a lower bound. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ReportListCountTest extends ProgressTestSupport {

    @Inject
    DataSource dataSource;

    @Test
    void countsExactlyUpToTheHorizonAndThenSaysTheTotalIsALowerBound() throws SQLException {
        // A department no other test uses; rows inserted directly, as the API would take minutes for ten thousand.
        insertAdHocReports("COUNT-TEST", 10_050);
        insertAdHocReports("COUNT-FEW", 3);

        given().header("Authorization", SUPERVISOR).queryParam("department", "COUNT-TEST").queryParam("size", 50)
                .when().get("/reports").then().statusCode(200)
                .body("items", hasSize(50))
                .body("totalItems", equalTo(10_000))
                .body("totalPages", equalTo(200))
                .body("totalItemsIsLowerBound", equalTo(true));
        // Deep pages count on from their offset, so the last reports stay reachable.
        given().header("Authorization", SUPERVISOR).queryParam("department", "COUNT-TEST").queryParam("size", 50)
                .queryParam("page", 201).when().get("/reports").then().statusCode(200)
                .body("items", hasSize(0))
                .body("totalItems", equalTo(10_050))
                .body("totalItemsIsLowerBound", equalTo(false));
        given().header("Authorization", SUPERVISOR).queryParam("department", "COUNT-FEW")
                .when().get("/reports").then().statusCode(200)
                .body("items", hasSize(3))
                .body("totalItems", equalTo(3))
                .body("totalItemsIsLowerBound", equalTo(false));
    }

    private void insertAdHocReports(String department, int count) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            // Positions in the change feed come from its sequence, as the service's do.
            statement.execute("""
                    insert into progress_report (id, measure_id, department_code, department_role, reporter, kind, state,
                        status, percent_complete, narrative, measured_values, created_at, updated_at, revision, change_seq)
                    select gen_random_uuid(), 'count-test-measure', '%s', 'LEAD', 'count.test', 'AD_HOC', 'DRAFT',
                        'ON_TRACK', 10, '', '[]'::jsonb, now(), now(), 1, nextval('report_change_seq')
                    from generate_series(1, %d) as i""".formatted(department, count));
        }
    }
}
