package org.ecoplan.notification.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.notification.alert.RaisedAlert;
import org.ecoplan.progress.contract.EpisodeResponseEvents;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted.Quantity;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daily responses of an episode's member units as progress-service publishes them: a unit without a response by
 * 20:00 of a day of the active episode is alerted once (also when two replicas check at once), none after the lifting;
 * the assessment says who acknowledged, which days were on time, late or missing, and the totals reported.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EpisodeReportsTest {

    private static final String SUPERVISOR = "Bearer " + Tokens.token(Set.of("supervisor"), null, "supervisor-wang");

    @Inject
    BusinessClock clock;

    @Inject
    EpisodeReportCheck check;

    @Inject
    DataSource dataSource;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    @Test
    void aMissingDailyReportIsAlertedOnceAndTheAssessmentCountsWhatWasFiled() throws Exception {
        String prefix = "EPR" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        List<String> units = List.of(prefix + 1, prefix + 2, prefix + 3, prefix + 4);
        String episodeId = UUID.randomUUID().toString();
        LocalDate dayOne = LocalDate.of(2026, 12, 3);
        LocalDate dayTwo = dayOne.plusDays(1);
        Instant start = dayOne.atStartOfDay(clock.zone()).plusHours(8).toInstant();

        clock.setTo(start);
        episode(state(episodeId, 1, EpisodeEvents.ACTIVATED, WarningLevel.YELLOW, start, null, units));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from episode_acknowledgement where episode_id = '"
                + episodeId + "'") == 4);
        clock.setTo(start.plus(Duration.ofMinutes(30)));
        units.subList(0, 3).forEach(unit -> acknowledge(episodeId, unit));

        // Day 1: two on time, one after 20:00, one never.
        respond(episodeId, units.get(0), dayOne, 1, at(dayOne, 18), "检查工地数", 30);
        respond(episodeId, units.get(1), dayOne, 1, at(dayOne, 19), "检查工地数", 12);
        awaitReports(episodeId, 2);
        clock.setTo(at(dayOne, 19).plus(Duration.ofMinutes(59)));
        assertThat(mine(episodeId, check.check())).isEmpty();
        clock.setTo(at(dayOne, 20).plus(Duration.ofMinutes(10)));
        assertThat(mine(episodeId, twoReplicasCheck())).extracting(alert -> alert.draft().rule().name() + " " + alert.draft().period())
                .containsExactlyInAnyOrder("EPISODE_REPORT_MISSING " + units.get(2) + "@" + dayOne,
                        "EPISODE_REPORT_MISSING " + units.get(3) + "@" + dayOne);
        respond(episodeId, units.get(2), dayOne, 1, at(dayOne, 21), "检查工地数", 5);
        awaitReports(episodeId, 3);
        clock.setTo(at(dayOne, 22));
        assertThat(mine(episodeId, check.check())).isEmpty();

        // Day 2: orange from 08:00; three on time, one corrected (its older revision arriving late changes nothing).
        clock.setTo(at(dayTwo, 8));
        episode(state(episodeId, 2, EpisodeEvents.LEVEL_CHANGED, WarningLevel.ORANGE, start, null, units));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from episode_acknowledgement where episode_id = '"
                + episodeId + "'") == 8);
        units.subList(0, 3).forEach(unit -> acknowledge(episodeId, unit));
        String corrected = respond(episodeId, units.get(0), dayTwo, 2, at(dayTwo, 17), "停工工地数", 20);
        respond(episodeId, units.get(1), dayTwo, 1, at(dayTwo, 18), "检查工地数", 8);
        respond(episodeId, units.get(2), dayTwo, 1, at(dayTwo, 19), "检查工地数", 4);
        awaitReports(episodeId, 6);
        sendResponse(new EpisodeResponseSubmitted(corrected, 1, episodeId, units.get(0), "成员单位" + units.get(0), dayTwo, "ORANGE",
                List.of(new Quantity("停工工地数", BigDecimal.valueOf(99))), "", "reporter", at(dayTwo, 17), at(dayTwo, 17), null, 0));
        clock.setTo(at(dayTwo, 21));
        assertThat(mine(episodeId, check.check())).extracting(alert -> alert.draft().period()).containsExactly(units.get(3) + "@" + dayTwo);

        // Lifted on day 3 at 08:00: no report is due that day.
        Instant liftedAt = at(dayTwo.plusDays(1), 8);
        clock.setTo(liftedAt);
        episode(state(episodeId, 3, EpisodeEvents.LIFTED, WarningLevel.ORANGE, start, liftedAt, List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from episode_watch where episode_id = '"
                + episodeId + "' and lifted_at is not null") == 1);
        clock.setTo(liftedAt.plus(Duration.ofHours(14)));
        assertThat(mine(episodeId, check.check())).isEmpty();

        JsonPath assessment = given().header("Authorization", SUPERVISOR).when().get("/episodes/" + episodeId + "/assessment")
                .then().statusCode(200).extract().jsonPath();
        assertThat(assessment.getBoolean("lifted")).isTrue();
        assertThat(assessment.getMap("counts")).containsEntry("units", 4).containsEntry("acknowledgedOnTime", 6)
                .containsEntry("acknowledgedLate", 0).containsEntry("notAcknowledged", 2).containsEntry("unitsNeverAcknowledged", 1)
                .containsEntry("reportsDue", 8).containsEntry("reportsOnTime", 5).containsEntry("reportsLate", 1)
                .containsEntry("reportsMissing", 2);
        assertThat(assessment.getList("totals.name", String.class)).containsExactly("停工工地数", "检查工地数");
        assertThat(assessment.getList("totals.total", Integer.class)).containsExactly(20, 59);
        assertThat(assessment.getList("units[2].reportedLate", String.class)).containsExactly(dayOne.toString());
        assertThat(assessment.getList("units[3].missing", String.class)).containsExactly(dayOne.toString(), dayTwo.toString());
        assertThat(assessment.getBoolean("units[3].neverAcknowledged")).isTrue();
        assertThat(assessment.getList("units[0].totals.total", Integer.class)).containsExactly(20, 30);

        JsonPath alerts = given().header("Authorization", SUPERVISOR).queryParam("subject", episodeId)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getInt("totalItems")).isEqualTo(3);
        JsonPath inbox = given().header("Authorization", Tokens.bearer("reporter", units.get(3))).queryParam("box", "DEPARTMENT")
                .when().get("/inbox/messages").then().statusCode(200).extract().jsonPath();
        assertThat(inbox.getList("items.rule", String.class)).filteredOn("EPISODE_REPORT_MISSING"::equals).hasSize(2);
        given().header("Authorization", SUPERVISOR).when().get("/episodes/" + UUID.randomUUID() + "/assessment").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("reporter", units.get(0))).when().get("/episodes/" + episodeId + "/assessment")
                .then().statusCode(403);
    }

    /** Other tests' episodes share the database; a check raises their alerts too. */
    private static List<RaisedAlert> mine(String episodeId, List<RaisedAlert> raised) {
        return raised.stream().filter(alert -> episodeId.equals(alert.draft().subjectId())).toList();
    }

    private Instant at(LocalDate day, int hour) {
        return day.atStartOfDay(clock.zone()).plusHours(hour).toInstant();
    }

    private List<RaisedAlert> twoReplicasCheck() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Callable<List<RaisedAlert>> run = check::check;
            List<RaisedAlert> raised = new ArrayList<>();
            for (Future<List<RaisedAlert>> future : replicas.invokeAll(List.of(run, run))) {
                raised.addAll(future.get());
            }
            return raised;
        } finally {
            replicas.shutdown();
        }
    }

    private static void episode(EpisodeState state) {
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            EpisodeEvents kind = EpisodeEvents.valueOf(state.change());
            writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, state.id(), kind.eventType(), state);
        }
    }

    /** @return the response id */
    private static String respond(String episodeId, String unit, LocalDate day, long revision, Instant filedAt, String item, int value) {
        String id = UUID.nameUUIDFromBytes((episodeId + unit + day).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        sendResponse(new EpisodeResponseSubmitted(id, revision, episodeId, unit, "成员单位" + unit, day, "YELLOW",
                List.of(new Quantity(item, BigDecimal.valueOf(value))), "已落实", "reporter-" + unit, filedAt,
                filedAt.plus(Duration.ofMinutes(revision - 1)), null, 0));
        return id;
    }

    private static void sendResponse(EpisodeResponseSubmitted response) {
        try (var writer = new EventWriter("/ecoplan/progress-service")) {
            writer.send(EpisodeResponseEvents.TOPIC, EpisodeResponseEvents.AGGREGATE_TYPE, response.episodeId(),
                    EpisodeResponseEvents.RESPONSE_SUBMITTED.eventType(), response);
        }
    }

    private void awaitReports(String episodeId, int reports) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from episode_report where episode_id = '"
                + episodeId + "'") == reports);
    }

    private long count(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void acknowledge(String episodeId, String unit) {
        given().header("Authorization", Tokens.bearer("reporter", unit)).when().post("/episodes/" + episodeId + "/acknowledgement")
                .then().statusCode(200);
    }

    private static EpisodeState state(String id, long revision, EpisodeEvents change, WarningLevel level, Instant start,
            Instant liftedAt, List<String> units) {
        List<EpisodeState.MemberDuties> members = units.stream().map(unit -> new EpisodeState.MemberDuties(unit, "成员单位" + unit,
                List.of(new EpisodeState.Duty(WarningLevel.YELLOW, "停止土石方作业", List.of("检查工地数", "停工工地数"))))).toList();
        return new EpisodeState(id, revision, change.name(), level, level.chineseName(),
                change == EpisodeEvents.LEVEL_CHANGED ? WarningLevel.YELLOW : null, "CITY", "重污染过程", start,
                start.plus(Duration.ofDays(3)), liftedAt, liftedAt != null ? liftedAt : start, "city-aqi-system", 1, members);
    }
}
