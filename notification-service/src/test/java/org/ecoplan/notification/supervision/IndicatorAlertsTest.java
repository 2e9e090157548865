package org.ecoplan.notification.supervision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.contract.IndicatorStatusChanged;
import org.ecoplan.notification.GreenMailResource;
import org.ecoplan.notification.ProgressPlayer;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Indicator rules from indicator-service's events: worsening status, heavy-pollution day budget. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class IndicatorAlertsTest {

    @Inject
    DataSource dataSource;

    @Test
    void alertsOnceForEachWorseningAndIgnoresRepeatedAndOlderJudgements() {
        String id = UUID.randomUUID().toString();
        String lead = "IND-L-" + id.substring(0, 6);
        String cooperating = "IND-C-" + id.substring(0, 6);
        try (var player = new ProgressPlayer(dataSource)) {
            player.indicator(UUID.randomUUID(), judgement(id, 1, "PM2.5年均浓度", IndicatorStatus.ON_TRACK, null, null, lead, cooperating));
            UUID atRisk = player.indicator(UUID.randomUUID(), judgement(id, 2, "PM2.5年均浓度", IndicatorStatus.AT_RISK, IndicatorStatus.ON_TRACK, null, lead, cooperating));
            player.indicator(atRisk, judgement(id, 2, "PM2.5年均浓度", IndicatorStatus.AT_RISK, IndicatorStatus.ON_TRACK, null, lead, cooperating));
            player.indicator(UUID.randomUUID(), judgement(id, 3, "PM2.5年均浓度", IndicatorStatus.OFF_TRACK, IndicatorStatus.AT_RISK, null, lead, cooperating));
            // Late: an older judgement under a new id would be another worsening, but it is older.
            player.indicator(UUID.randomUUID(), judgement(id, 1, "PM2.5年均浓度", IndicatorStatus.OFF_TRACK, IndicatorStatus.ON_TRACK, null, lead, cooperating));
        }
        assertThat(alerts(id)).containsExactlyInAnyOrder("INDICATOR_WORSENED YELLOW 2026:ON_TRACK->AT_RISK#2",
                "INDICATOR_WORSENED RED 2026:AT_RISK->OFF_TRACK#3");
        String supervisor = Tokens.bearer("supervisor", null);
        for (String department : List.of(lead, cooperating)) {
            List<String> subjects = given().header("Authorization", supervisor).queryParam("department", department)
                    .queryParam("box", "DEPARTMENT").get("/inbox/messages").then().statusCode(200).extract().jsonPath()
                    .getList("items.subjectId");
            assertThat(subjects).containsExactly(id, id);
        }
        assertThat(given().header("Authorization", supervisor).queryParam("box", "SUPERVISORS").queryParam("subject", id)
                .get("/inbox/messages").then().extract().jsonPath().getInt("totalItems")).isEqualTo(2);
    }

    @Test
    void warnsWhenTheHeavyPollutionDayBudgetRunsOutAndAgainForEveryHeavyDayBeyondIt() {
        String id = UUID.randomUUID().toString();
        String lead = "IND-L-" + id.substring(0, 6);
        try (var player = new ProgressPlayer(dataSource)) {
            // A budget of at most 3 heavy-pollution days in the year: 1 so far, then 2 (1 left), 3 (none left) ...
            player.indicator(UUID.randomUUID(), budget(id, 1, 1, IndicatorStatus.ON_TRACK, null, lead));
            player.indicator(UUID.randomUUID(), budget(id, 2, 2, IndicatorStatus.ON_TRACK, IndicatorStatus.ON_TRACK, lead));
            // The same count judged again (a projection moved): nothing new to tell.
            player.indicator(UUID.randomUUID(), budget(id, 3, 2, IndicatorStatus.ON_TRACK, IndicatorStatus.ON_TRACK, lead));
            player.indicator(UUID.randomUUID(), budget(id, 4, 3, IndicatorStatus.AT_RISK, IndicatorStatus.ON_TRACK, lead));
            // ... and beyond it the days left stay 0 while heavy days go on accruing: each one is told again.
            player.indicator(UUID.randomUUID(), budget(id, 5, 4, IndicatorStatus.OFF_TRACK, IndicatorStatus.AT_RISK, lead));
            player.indicator(UUID.randomUUID(), budget(id, 6, 5, IndicatorStatus.OFF_TRACK, IndicatorStatus.OFF_TRACK, lead));
            player.indicator(UUID.randomUUID(), budget(id, 7, 5, IndicatorStatus.OFF_TRACK, IndicatorStatus.OFF_TRACK, lead));
        }
        assertThat(alerts(id)).containsExactlyInAnyOrder("POLLUTION_BUDGET RED 2026:heavy-2", "POLLUTION_BUDGET RED 2026:heavy-3",
                "POLLUTION_BUDGET RED 2026:heavy-4", "POLLUTION_BUDGET RED 2026:heavy-5",
                "INDICATOR_WORSENED YELLOW 2026:ON_TRACK->AT_RISK#4", "INDICATOR_WORSENED RED 2026:AT_RISK->OFF_TRACK#5");
        List<String> titles = texts(id, "title");
        assertThat(titles).contains("【红色预警】重污染天数余量仅剩 1 天：重污染天数", "【红色预警】重污染天数余量已用完：重污染天数",
                "【红色预警】重污染天数已超出全年上限 2 天：重污染天数",
                "【红色预警】指标状态恶化（存在不达标风险 → 预计难以达标）：重污染天数");
        assertThat(texts(id, "reason")).contains("指标「重污染天数」全年至多 3 天，今年已出现 5 天，已超出上限 2 天。")
                .allSatisfy(reason -> assertThat(reason).doesNotContainPattern("[A-Za-z]"));
    }

    private static IndicatorStatusChanged budget(String id, long sequence, int heavyDays, IndicatorStatus status,
            IndicatorStatus previous, String lead) {
        return new IndicatorStatusChanged(id, sequence, "延庆区", 2026, 3, "重污染天数", null, "COUNT_OF_DAYS", "AT_MOST",
                new BigDecimal("3"), "天", status, previous, new BigDecimal(heavyDays).setScale(2), new BigDecimal("6.00"),
                new BigDecimal(Math.max(0, 3 - heavyDays)).setScale(2),
                "at most %d more heavy-pollution days / 剩余天数重污染天数不得超过%d天".formatted(Math.max(0, 3 - heavyDays),
                        Math.max(0, 3 - heavyDays)), List.of(lead), List.of(lead), Instant.now());
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(String subject, String field) {
        List<Object> items = given().header("Authorization", Tokens.bearer("supervisor", null)).queryParam("subject", subject)
                .get("/alerts").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().map(a -> (String) ((Map<String, Object>) a).get(field)).toList();
    }

    private static IndicatorStatusChanged judgement(String id, long sequence, String name, IndicatorStatus status,
            IndicatorStatus previous, BigDecimal daysLeft, String lead, String cooperating) {
        boolean budget = daysLeft != null;
        return new IndicatorStatusChanged(id, sequence, "延庆区", 2026, 1, name, null,
                budget ? "COUNT_OF_DAYS" : "ANNUAL_MEAN_CONCENTRATION", "AT_MOST", budget ? new BigDecimal("3") : new BigDecimal("30"),
                budget ? "天" : "微克/立方米", status, previous, budget ? new BigDecimal(3).subtract(daysLeft) : new BigDecimal("31.5"),
                null, daysLeft, null, List.of(lead), List.of(cooperating), Instant.now());
    }

    @SuppressWarnings("unchecked")
    private static List<String> alerts(String subject) {
        List<Object> items = given().header("Authorization", Tokens.bearer("supervisor", null)).queryParam("subject", subject)
                .get("/alerts").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().map(a -> (Map<String, Object>) a).map(a -> a.get("rule") + " " + a.get("severity") + " " + a.get("period")).toList();
    }
}
