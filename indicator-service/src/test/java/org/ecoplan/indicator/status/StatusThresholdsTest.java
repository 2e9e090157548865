package org.ecoplan.indicator.status;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.indicator.AppFixture;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Thresholds live in the database: what a supervisor sets is stored with who and when, and judgements use the
 * stored row, whichever instance wrote it. Indicator 18 (at least 25 boiler users of grade A or B, a cumulative
 * count) with 10 done on 2 July: 12 expected (25 × 183/365 rounded down), pace 0.83 — AT_RISK with the default
 * on-track ratio 0.9, ON_TRACK with 0.8.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class StatusThresholdsTest {

    private static final String DEFAULTS = """
            {"onTrackMargin":0.03,"offTrackMargin":0.05,"scheduleOnTrackRatio":0.9,"scheduleOffTrackRatio":0.6,"minimumProfileDays":30}""";

    @Inject
    BusinessClock clock;

    @Inject
    DataSource dataSource;

    private String boilerUsers;

    @BeforeEach
    void seed() throws SQLException {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(LocalDate.of(2026, 7, 2), 10);
        boilerUsers = SeedCatalogue.indicator(18).id();
        forgetStoredThresholds();
    }

    @AfterEach
    void backToConfiguredThresholds() throws SQLException {
        // Other test classes of this JVM expect judgements made with the configured thresholds.
        forgetStoredThresholds();
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).post("/status/reevaluate").then().statusCode(200);
    }

    @Test
    void judgesWithTheStoredThresholdsWhoeverStoredThem() throws SQLException {
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).contentType("application/json; charset=UTF-8")
                .body("{\"observations\":[{\"series\":\"" + boilerUsers + "\",\"area\":\"YANQING\",\"period\":\"2026-06\","
                        + "\"value\":10,\"source\":\"区商务局\"}]}")
                .post("/observations").then().statusCode(200);
        given().get("/indicators/" + boilerUsers).then().statusCode(200).body("status.status", equalTo("AT_RISK"));

        given().header("Authorization", Tokens.bearer(Roles.SUPERVISOR, "ENV")).contentType("application/json")
                .body(DEFAULTS.replace("\"scheduleOnTrackRatio\":0.9", "\"scheduleOnTrackRatio\":0.8"))
                .put("/status/thresholds").then().statusCode(200)
                .body("scheduleOnTrackRatio", equalTo(0.8f))
                .body("updatedBy", equalTo("supervisor@ecoplan.test"))
                .body("updatedAt", notNullValue());
        // Judged again in the same request.
        given().get("/indicators/" + boilerUsers).then().body("status.status", equalTo("ON_TRACK"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select schedule_on_track_ratio, updated_by from status_thresholds")) {
            assertTrue(row.next(), "the thresholds are stored");
            assertEquals(0.8, row.getDouble(1));
            assertEquals("supervisor@ecoplan.test", row.getString(2));
            assertFalse(row.next(), "one row");
        }

        // Another instance (or this one before a restart) stores stricter ones: this instance holds no copy of its own.
        execute("update status_thresholds set schedule_on_track_ratio = 0.85, updated_by = 'supervisor@other-instance'");
        given().get("/status/thresholds").then().statusCode(200)
                .body("scheduleOnTrackRatio", equalTo(0.85f))
                .body("updatedBy", equalTo("supervisor@other-instance"));
        given().header("Authorization", Tokens.bearer(Roles.ADMIN, null)).post("/status/reevaluate").then().statusCode(200);
        given().get("/indicators/" + boilerUsers).then().body("status.status", equalTo("AT_RISK"));

        forgetStoredThresholds();
        given().get("/status/thresholds").then().statusCode(200)
                .body("scheduleOnTrackRatio", equalTo(0.9f))
                .body("minimumProfileDays", equalTo(30))
                .body("updatedBy", nullValue());
    }

    @Test
    void refusesReportersAndNamesTheInvalidField() throws SQLException {
        given().header("Authorization", Tokens.bearer(Roles.REPORTER, "ENV")).contentType("application/json").body(DEFAULTS)
                .put("/status/thresholds").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        String supervisor = Tokens.bearer(Roles.SUPERVISOR, "ENV");
        given().header("Authorization", supervisor).contentType("application/json")
                .body(DEFAULTS.replace("\"onTrackMargin\":0.03", "\"onTrackMargin\":0.7"))
                .put("/status/thresholds").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("onTrackMargin"));
        given().header("Authorization", supervisor).contentType("application/json")
                .body(DEFAULTS.replace(",\"minimumProfileDays\":30", ""))
                .put("/status/thresholds").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("minimumProfileDays"));
        given().header("Authorization", supervisor).contentType("application/json")
                .body(DEFAULTS.replace("\"scheduleOffTrackRatio\":0.6", "\"scheduleOffTrackRatio\":0.95"))
                .put("/status/thresholds").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("scheduleOffTrackRatio"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("select count(*) from status_thresholds")) {
            count.next();
            assertEquals(0, count.getInt(1), "nothing stored");
        }
    }

    private void forgetStoredThresholds() throws SQLException {
        execute("delete from status_thresholds");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
