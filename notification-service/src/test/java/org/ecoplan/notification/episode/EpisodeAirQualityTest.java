package org.ecoplan.notification.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.indicator.contract.AirQualityDayChanged;
import org.ecoplan.indicator.contract.AqiLevel;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The assessment's air quality, from indicator-service's daily facts alone: the district's AQI and PM2.5 on every day
 * of the episode as published (AQI rounded up, PM2.5 half up, the category's Chinese name beside the code, raw values
 * kept), the heavy days it cost and the year's heavy days against the budget of 3. A correction replaces the day, an
 * older revision arriving late and a repeated event change nothing, another area's days do not count.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EpisodeAirQualityTest {

    private static final String SUPERVISOR = "Bearer " + Tokens.token(Set.of("supervisor"), null, "supervisor-wang");
    /** A year no other test writes air quality for: the year's heavy days are this test's alone. */
    private static final LocalDate DAY_ONE = LocalDate.of(2031, 1, 14);

    @Inject
    BusinessClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    @Test
    void theAssessmentShowsEachDayAsPublishedAndChargesTheHeavyDaysAgainstTheBudget() throws Exception {
        String episodeId = UUID.randomUUID().toString();
        LocalDate dayTwo = DAY_ONE.plusDays(1);
        LocalDate dayThree = DAY_ONE.plusDays(2);
        Instant start = at(DAY_ONE, 8);
        clock.setTo(start);
        EpisodeEventFixture.publish(state(episodeId, 1, EpisodeEvents.ACTIVATED, WarningLevel.YELLOW, start, null, List.of("EAQ-1", "EAQ-2")));

        // Earlier in the year: one heavy day of the district, one heavy-valued day from too few hours (not heavy).
        EpisodeEventFixture.applied(dataSource, day("YANQING", DAY_ONE.minusDays(9), 1, "230", true, "180"));
        EpisodeEventFixture.applied(dataSource, day("YANQING", DAY_ONE.minusDays(8), 1, "260", false, null));
        // The episode's days: moderate; heavy (236.2 is published as 237); a third still unknown.
        EpisodeEventFixture.applied(dataSource, day("YANQING", DAY_ONE, 1, "180", true, "135.5"));
        UUID heavy = EpisodeEventFixture.applied(dataSource, day("YANQING", dayTwo, 3, "236.2", true, "186.4"));
        // Another area's heavy day is not the district's.
        EpisodeEventFixture.applied(dataSource, day("BAIQUAN", DAY_ONE, 1, "320", true, "260"));

        // While the episode runs, its days are those up to today.
        clock.setTo(at(dayTwo, 12));
        JsonPath running = assessment(episodeId);
        assertThat(running.getBoolean("lifted")).isFalse();
        assertThat(running.getList("airQuality.days.date", String.class))
                .containsExactly(DAY_ONE.toString(), dayTwo.toString());
        assertThat(running.getList("airQuality.days.aqi", Integer.class)).containsExactly(180, 237);
        assertThat(running.getList("airQuality.days.aqiRaw").stream().map(String::valueOf)).containsExactly("180", "236.2");
        assertThat(running.getList("airQuality.days.aqiLevel", String.class)).containsExactly("MODERATELY_POLLUTED", "HEAVILY_POLLUTED");
        assertThat(running.getList("airQuality.days.aqiLevelName", String.class)).containsExactly("中度污染", "重度污染");
        assertThat(running.getList("airQuality.days.pm25", Integer.class)).containsExactly(136, 186);
        assertThat(running.getList("airQuality.days.pm25Raw").stream().map(String::valueOf)).containsExactly("135.5", "186.4");
        assertThat(running.getList("airQuality.days.pm25Text", String.class)).containsExactly("136微克/立方米", "186微克/立方米");
        assertThat(running.getList("airQuality.days.heavy", Boolean.class)).containsExactly(false, true);
        assertThat(running.getInt("airQuality.heavyDays")).isEqualTo(1);
        assertThat(running.getInt("airQuality.heavyDaysThisYear")).isEqualTo(2);

        // The episode checks run now, for an administrator only: neither unit acknowledged nor reported day one.
        given().when().post("/episode-checks/run").then().statusCode(401);
        given().header("Authorization", SUPERVISOR).when().post("/episode-checks/run").then().statusCode(403)
                .contentType("application/problem+json");
        JsonPath checked = given().header("Authorization", Tokens.bearer("admin", null)).when().post("/episode-checks/run")
                .then().statusCode(200).extract().jsonPath();
        assertThat(checked.getString("checkedAt")).isEqualTo(at(dayTwo, 12).toString());
        assertThat(mine(checked, episodeId)).containsExactlyInAnyOrder("EPISODE_UNACKNOWLEDGED EAQ-1@rev1",
                "EPISODE_UNACKNOWLEDGED EAQ-2@rev1", "EPISODE_ESCALATED_TO_HEAD EAQ-1@rev1", "EPISODE_ESCALATED_TO_HEAD EAQ-2@rev1",
                "EPISODE_REPORT_MISSING EAQ-1@" + DAY_ONE, "EPISODE_REPORT_MISSING EAQ-2@" + DAY_ONE);
        JsonPath second = given().header("Authorization", Tokens.bearer("admin", null)).when().post("/episode-checks/run")
                .then().statusCode(200).extract().jsonPath();
        assertThat(mine(second, episodeId)).isEmpty();

        // An older revision of day two arriving late, and the same event delivered twice: nothing changes.
        EpisodeEventFixture.applied(dataSource, day("YANQING", dayTwo, 2, "150", true, "110"));
        try (var writer = new EventWriter("/ecoplan/indicator-service")) {
            AirQualityDayChanged again = day("YANQING", dayTwo, 3, "236.2", true, "186.4");
            writer.send(heavy, IndicatorEvents.TOPIC, IndicatorEvents.AIR_QUALITY_DAY_CHANGED.aggregateType(),
                    "YANQING/" + dayTwo, IndicatorEvents.AIR_QUALITY_DAY_CHANGED.eventType(), again);
        }
        // Day three: heavy at first, then corrected to 199: the latest value wins.
        EpisodeEventFixture.applied(dataSource, day("YANQING", dayThree, 1, "201", true, "151"));
        EpisodeEventFixture.applied(dataSource, day("YANQING", dayThree, 2, "199", true, "149.5"));
        Instant liftedAt = at(dayThree, 8);
        clock.setTo(liftedAt);
        EpisodeEventFixture.publish(state(episodeId, 2, EpisodeEvents.LIFTED, WarningLevel.YELLOW, start, liftedAt, List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> EpisodeEventFixture.count(dataSource, "select count(*) from episode_watch where episode_id = '"
                + episodeId + "' and lifted_at is not null") == 1);
        clock.setTo(at(dayThree.plusDays(1), 10));

        JsonPath assessed = assessment(episodeId);
        assertThat(assessed.getBoolean("lifted")).isTrue();
        assertThat(assessed.getString("airQuality.area")).isEqualTo("YANQING");
        assertThat(assessed.getList("airQuality.days.date", String.class))
                .containsExactly(DAY_ONE.toString(), dayTwo.toString(), dayThree.toString());
        assertThat(assessed.getList("airQuality.days.aqi", Integer.class)).containsExactly(180, 237, 199);
        assertThat(assessed.getList("airQuality.days.aqiLevelName", String.class)).containsExactly("中度污染", "重度污染", "中度污染");
        assertThat(assessed.getList("airQuality.days.pm25", Integer.class)).containsExactly(136, 186, 150);
        assertThat(assessed.getList("airQuality.days.heavy", Boolean.class)).containsExactly(false, true, false);
        assertThat(assessed.getList("airQuality.heavyDates", String.class)).containsExactly(dayTwo.toString());
        assertThat(assessed.getList("airQuality.daysWithoutAqi", String.class)).isEmpty();
        Map<String, Object> summary = assessed.getMap("airQuality");
        assertThat(summary).containsEntry("heavyDays", 1).containsEntry("year", 2031).containsEntry("heavyDaysThisYear", 2)
                .containsEntry("heavyDayBudget", 3).containsEntry("heavyDaysLeft", 1).containsEntry("heavyDaysOverBudget", 0)
                .containsEntry("summaryText", "过程共3天，重污染1天；2031年累计重污染2天（全年不超过3天），尚余1天");
        assertThat(EpisodeEventFixture.count(dataSource, "select count(*) from air_quality_day where area = 'YANQING' and day = '" + dayTwo + "' and revision = 3"))
                .isEqualTo(1);
    }

    @Test
    void aDayWithoutValuesShowsNothingAndIsNotHeavy() {
        assertThat(AqiLevel.of(new BigDecimal("236.2")).chineseName()).isEqualTo("重度污染");
        EpisodeAssessments.AirQualityDayView empty = EpisodeAssessments.AirQualityDayView.of(DAY_ONE, null);
        assertThat(empty.aqi()).isNull();
        assertThat(empty.aqiLevelName()).isNull();
        assertThat(empty.heavy()).isFalse();
    }

    /** "rule period" of the alerts a check run raised for this test's episode (other tests' episodes share the database). */
    private static List<String> mine(JsonPath checked, String episodeId) {
        List<Map<String, Object>> raised = checked.getList("raised");
        return raised.stream().filter(alert -> episodeId.equals(alert.get("subjectId")))
                .map(alert -> alert.get("rule") + " " + alert.get("period")).toList();
    }

    private JsonPath assessment(String episodeId) {
        return given().header("Authorization", SUPERVISOR).when().get("/episodes/" + episodeId + "/assessment")
                .then().statusCode(200).extract().jsonPath();
    }

    private AirQualityDayChanged day(String area, LocalDate date, long revision, String aqi, boolean valid, String pm25) {
        AqiLevel level = AqiLevel.of(new BigDecimal(aqi));
        return new AirQualityDayChanged(area, area, "DISTRICT", date, revision, new BigDecimal(aqi), valid, level,
                valid && level.heavy(), pm25 == null ? null : new BigDecimal(pm25), pm25 == null ? null : true,
                at(date, 23));
    }

    private Instant at(LocalDate day, int hour) {
        return day.atStartOfDay(clock.zone()).plusHours(hour).toInstant();
    }

    private static EpisodeState state(String id, long revision, EpisodeEvents change, WarningLevel level, Instant start,
            Instant liftedAt, List<String> units) {
        List<EpisodeState.MemberDuties> members = units.stream().map(unit -> new EpisodeState.MemberDuties(unit, "成员单位" + unit,
                List.of(new EpisodeState.Duty(WarningLevel.YELLOW, "停止土石方作业", List.of("检查工地数"))))).toList();
        return new EpisodeState(id, revision, change.name(), level, level.chineseName(), null, "CITY", "重污染过程", start,
                start.plus(Duration.ofDays(3)), liftedAt, liftedAt != null ? liftedAt : start, "city-aqi-system", 1, members);
    }
}
