package org.ecoplan.indicator.overview;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The district overview on a district of its own (the seed plan published again as 测试区), with delivery states
 * played as progress-service publishes them: in May, June and July. Checks that every count is the count of the
 * decided states (nothing re-judged here), that the overview's counts equal its lists' totals, that the ranking
 * counts the way supervisors count, and that the figures as of a month's end stay as they were when later
 * events arrive.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OverviewTest {

    private static final String DISTRICT = "测试区";
    private static final LocalDate TODAY = LocalDate.of(2026, 7, 10);
    private static final LocalDate MAY = LocalDate.of(2026, 5, 20);
    private static final LocalDate JUNE = LocalDate.of(2026, 6, 15);
    private static final LocalDate JULY = LocalDate.of(2026, 7, 9);
    private static final Instant APPROVED = Instant.parse("2026-05-06T02:00:00Z");

    @Inject
    BusinessClock clock;

    // Played once for the class (RestAssured knows the port only from the first test on, hence not @BeforeAll).
    private static DistrictCopy copy;
    /** Seed measures by role in the story. */
    private static MeasureState overdue;
    private static MeasureState behindEnv;
    private static MeasureState behindGroup;
    private static MeasureState window;
    private static MeasureState completedOnTime;
    private static MeasureState atRiskGroup;
    private static MeasureState completedLate;
    private static final Map<String, Long> sequences = new HashMap<>();
    private static boolean played;

    @BeforeEach
    void playTheYearOnce() {
        clock.setTo(TODAY, 10);
        if (played) {
            return;
        }
        AppFixture.seedCatalogueReplicated();
        clock.setTo(TODAY, 10);
        copy = DistrictCopy.publish(DISTRICT);
        overdue = seed(measure -> "6月底前".equals(measure.deadline().label()));
        behindEnv = seed(measure -> measure.taskNumber() == 2 && measure.position() == 1 && attachment(measure) == 1);
        behindGroup = seed(measure -> measure.taskNumber() == 18 && measure.position() == 2 && attachment(measure) == 2);
        window = seed(measure -> "6-9月".equals(measure.deadline().label()));
        completedOnTime = seed(measure -> measure.taskNumber() == 21 && measure.position() == 1 && attachment(measure) == 2);
        atRiskGroup = seed(measure -> measure.taskNumber() == 14 && measure.position() == 2 && attachment(measure) == 1);
        completedLate = seed(measure -> measure.taskNumber() == 1 && measure.position() == 1 && attachment(measure) == 3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().queryParam("district", DISTRICT).get("/overview");
            return response.statusCode() == 200 && response.jsonPath().getInt("measures.measures") == 212;
        });

        try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
            // End of May.
            send(progress, overdue, DeliveryState.ON_TRACK, MAY, null);
            send(progress, behindEnv, DeliveryState.ON_TRACK, MAY, null);
            send(progress, window, DeliveryState.NOT_DUE, MAY, null);
            send(progress, behindGroup, DeliveryState.BEHIND_PACE, MAY, 30);
            // June.
            send(progress, behindEnv, DeliveryState.AT_RISK, JUNE, null);
            // July, as the daily assessment found them.
            send(progress, overdue, DeliveryState.OVERDUE, JULY, null);
            send(progress, behindEnv, DeliveryState.BEHIND_PACE, JULY, 40);
            send(progress, behindGroup, DeliveryState.BEHIND_PACE, JULY, 30);
            send(progress, window, DeliveryState.ON_TRACK, JULY, null);
            send(progress, completedOnTime, DeliveryState.COMPLETED_ON_TIME, JULY, null);
            send(progress, atRiskGroup, DeliveryState.AT_RISK, JULY, null);
            send(progress, completedLate, DeliveryState.COMPLETED_LATE, JULY, null);
            // ENV's monthly reports on its behind-pace measure: May's on time (by 5 June), June's late.
            report(progress, behindEnv, "2026-05", "2026-06-04T09:00:00Z");
            report(progress, behindEnv, "2026-06", "2026-07-08T09:00:00Z");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath overview = overview(Map.of());
            assertEquals(1, overview.getInt("measures.completedLate"));
            assertEquals(2, overview.getInt("measures.behindPace"));
            assertEquals(1, overview.getInt("measures.overdue"));
            assertEquals(1, overview.getInt("punctuality.late"));
        });
        played = true;
    }

    @Test
    void countsEveryMeasureUnderTheStateProgressServiceDecided() {
        JsonPath overview = overview(Map.of());
        assertEquals(DISTRICT, overview.getString("district"));
        assertEquals("TODAY", overview.getString("asOfKind"));
        assertEquals(212, overview.getInt("measures.measures"));
        assertEquals(1, overview.getInt("measures.overdue"));
        assertEquals(2, overview.getInt("measures.behindPace"));
        assertEquals(1, overview.getInt("measures.atRisk"));
        assertEquals(1, overview.getInt("measures.onTrack"));
        assertEquals(1, overview.getInt("measures.completedOnTime"));
        assertEquals(1, overview.getInt("measures.completedLate"));
        assertEquals(0, overview.getInt("measures.notDue"));
        assertEquals(205, overview.getInt("measures.notAssessed"), "no state event yet: not assessed, never on track");
        assertEquals("未评估", overview.getString("measures.byState.find { it.state == 'NOT_ASSESSED' }.stateName"));
        assertEquals("滞后于序时进度", overview.getString("measures.byState.find { it.state == 'BEHIND_PACE' }.stateName"));
        assertEquals("33.3%", overview.getString("measures.onTimeCompletionRateText"), "1 on time of 2 completed and 1 overdue");
    }

    @Test
    void theOverviewsCountsAreTheSumsOfItsLists() {
        JsonPath overview = overview(Map.of());
        // Per plan and per section, the counts add up to the district's.
        List<Map<String, Object>> plans = overview.getList("plans");
        assertEquals(List.of(1, 2, 3), plans.stream().map(plan -> plan.get("attachment")).toList());
        assertEquals(212, overview.getList("plans.measures.measures", Integer.class).stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, overview.getList("plans.measures.overdue", Integer.class).stream().mapToInt(Integer::intValue).sum());
        for (int plan = 0; plan < 3; plan++) {
            int inPlan = overview.getInt("plans[" + plan + "].measures.measures");
            int inSections = overview.getList("plans[" + plan + "].sections.measures.measures", Integer.class).stream()
                    .mapToInt(Integer::intValue).sum();
            assertEquals(inPlan, inSections, "附件" + (plan + 1) + ": every measure is in one top-level section");
        }
        // Per state, the supervision list's total equals the overview's count; all states together are every measure.
        int listed = 0;
        for (Map<String, Object> state : overview.<Map<String, Object>>getList("measures.byState")) {
            long total = list(Map.of("state", state.get("state"))).getLong("totalItems");
            assertEquals(((Number) state.get("measures")).longValue(), total, "state " + state.get("state"));
            listed += (int) total;
        }
        assertEquals(212, listed);
        assertEquals(overview.getInt("supervision.total"), list(Map.of()).getInt("totalItems"));
        assertEquals(3, overview.getInt("supervision.total"));
        assertEquals(copy.id(overdue.id()), overview.getString("supervision.firstItems[0].measureId"));
        assertTrue(overview.getString("summaryText").startsWith("截至2026年7月10日，测试区2026年行动计划共212项工作措施："),
                overview.getString("summaryText"));
        assertTrue(overview.getString("summaryText").contains("需督办3项（已逾期1项，滞后于序时进度2项）"), overview.getString("summaryText"));

        // Roll-ups of the same plan count the same states.
        String plan1 = overview.getString("plans[0].planId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(
                overview.getList("plans[0].measures.byState"),
                given().get("/rollups/PLAN/" + plan1).then().statusCode(200).extract().jsonPath().getList("states.byState")));
    }

    @Test
    void listsWhatNeedsSupervisionWorstFirstWithWhatASupervisorAsks() {
        JsonPath page = list(Map.of());
        assertEquals(List.of(copy.id(overdue.id()), copy.id(behindEnv.id()), copy.id(behindGroup.id())),
                page.getList("items.measureId"), "overdue first, then the larger pace gap");
        Map<String, Object> first = page.getMap("items[0]");
        assertEquals("附件1 第30项", page.getString("items[0].task.label"));
        assertNotNull(page.getString("items[0].task.name"));
        assertEquals("已逾期", first.get("stateName"));
        assertEquals("2026-06-30", page.getString("items[0].deadline.end"));
        assertEquals(10, page.getInt("items[0].daysLate"), "9 days late when assessed on 9 July, 10 on 10 July");
        assertTrue(page.getList("items[0].lead.name", String.class).contains("区水务局"));
        assertTrue(page.getList("items[0].responsible.name", String.class).contains("区水务局"));
        assertEquals("report-" + copy.id(overdue.id()), page.getString("items[0].lastApprovedReport.reportId"));
        assertEquals("2026-05-06", page.getString("items[0].lastApprovedReport.approvedOn"));
        assertEquals(40, page.getInt("items[1].paceGap"));
        assertEquals("区生态环境局", page.getString("items[1].lead[0].name"));
        assertEquals(List.of("各街乡镇"), page.getList("items[2].responsible.name"), "a group as the group, not its 18 members");

        assertEquals(List.of(copy.id(behindEnv.id())), list(Map.of("department", "ENV")).getList("items.measureId"));
        assertEquals(List.of(copy.id(behindGroup.id())), list(Map.of("department", "BAIQUAN")).getList("items.measureId"),
                "百泉街道 is responsible through 各街乡镇");
        assertEquals(List.of(copy.id(overdue.id())), list(Map.of("department", "BAIQUAN", "role", "ASSISTING")).getList("items.measureId"));
        assertEquals(List.of(copy.id(behindGroup.id())), list(Map.of("plan", "2")).getList("items.measureId"));
        assertEquals(2, list(Map.of("state", "COMPLETED_ON_TIME,COMPLETED_LATE")).getInt("totalItems"));
        JsonPath second = list(Map.of("size", 1, "page", 1));
        assertEquals(List.of(copy.id(behindEnv.id())), second.getList("items.measureId"));
        assertEquals(3, second.getInt("totalPages"));

        given().queryParam("district", DISTRICT).queryParam("state", "LATE").get("/overview/supervision-list").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        given().queryParam("district", DISTRICT).queryParam("role", "LEAD").get("/overview/supervision-list").then()
                .statusCode(400).body("errors[0].field", equalTo("role"));
        given().queryParam("district", DISTRICT).queryParam("plan", "7").get("/overview/supervision-list").then()
                .statusCode(400).body("errors[0].field", equalTo("plan"));
    }

    @Test
    void ranksDepartmentsOnWhatTheyLeadOrAreResponsibleFor() {
        JsonPath ranking = ranking(Map.of());
        List<Map<String, Object>> items = ranking.getList("items");
        assertEquals(Set.of("WATER", "URBAN-MGMT"), Set.of(items.get(0).get("code"), items.get(1).get("code")));
        assertEquals(1, items.get(0).get("rank"));
        assertEquals(1, items.get(1).get("rank"), "one overdue measure each: they share the rank");
        Set<String> towns = Set.copyOf(org.ecoplan.indicator.observation.Area.subdistrictsAndTowns().stream()
                .map(org.ecoplan.indicator.observation.Area::code).toList());
        assertFalse(items.stream().anyMatch(item -> towns.contains(item.get("code")) && (int) item.get("overdue") > 0),
                "towns only assist the overdue measure: none of them is ranked for it");
        Map<String, Object> group = ranking.getMap("items.find { it.code == 'ALL-SUBDISTRICTS-TOWNS' }");
        assertEquals("GROUP", group.get("kind"));
        assertEquals("各街乡镇", group.get("name"));
        assertEquals(18, group.get("members"));
        assertEquals(1, group.get("behindPace"));

        JsonPath behind = ranking(Map.of("sort", "behind_pace", "kind", "DEPARTMENT"));
        assertEquals("BEHIND_PACE", behind.getString("sort"));
        assertTrue(behind.getList("items.findAll { it.rank == 1 }.code", String.class).containsAll(List.of("ENV", "URBAN-MGMT")));
        assertFalse(behind.getList("items.kind", String.class).contains("GROUP"));

        // 百泉街道's share of 各街乡镇's measures is never ranked as its own.
        JsonPath all = ranking(Map.of("size", 500));
        assertTrue(all.getList("items.findAll { it.code == 'BAIQUAN' }.behindPace", Integer.class).stream().allMatch(n -> n == 0));

        // Punctuality: ENV's reports of January to June were due by the 5th of the next month.
        Map<String, Object> env = all.getMap("items.find { it.code == 'ENV' }");
        @SuppressWarnings("unchecked")
        Map<String, Object> punctuality = (Map<String, Object>) env.get("punctuality");
        long envMeasures = SeedCatalogue.measures().stream().filter(measure -> measure.assignments().stream()
                .anyMatch(assignment -> "ENV".equals(assignment.departmentCode()) && !"ASSISTING".equals(assignment.role()))).count();
        boolean windowIsEnvs = window.assignments().stream().anyMatch(a -> "ENV".equals(a.departmentCode()));
        assertEquals("2026-06", punctuality.get("toPeriod"));
        assertEquals((int) (envMeasures * 6 - (windowIsEnvs ? 2 : 0)), punctuality.get("due"),
                "each month of each measure, but the seasonal window's May and June (未到实施期 at their end)");
        assertEquals(1, punctuality.get("onTime"));
        assertEquals(1, punctuality.get("late"));
        JsonPath byPunctuality = ranking(Map.of("sort", "PUNCTUALITY", "kind", "DEPARTMENT", "size", 500));
        List<Float> rates = byPunctuality.getList("items.punctuality.rate", Float.class);
        for (int i = 1; i < rates.size(); i++) {
            assertTrue(rates.get(i - 1) == null || rates.get(i) == null || rates.get(i - 1) <= rates.get(i), "lowest first: " + rates);
        }
        given().queryParam("district", DISTRICT).queryParam("sort", "NOISE").get("/overview/department-ranking").then()
                .statusCode(400).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void keepsTheFiguresAsOfAMonthsEndWhenLaterEventsArrive() {
        JsonPath may = overview(Map.of("asOf", "2026-05-31"));
        assertEquals("MONTH_END", may.getString("asOfKind"));
        assertEquals(0, may.getInt("measures.overdue"));
        assertEquals(1, may.getInt("measures.behindPace"));
        assertEquals(2, may.getInt("measures.onTrack"));
        assertEquals(1, may.getInt("measures.notDue"));
        assertEquals(208, may.getInt("measures.notAssessed"));
        assertNotNull(may.getString("lastRecordedAt"));
        assertEquals(List.of(copy.id(behindGroup.id())), list(Map.of("asOf", "2026-05-31")).getList("items.measureId"));
        assertTrue(may.getString("summaryText").startsWith("截至2026年5月31日"));
        assertEquals("2026-05", may.getString("townRanking.month"));

        JsonPath june = overview(Map.of("asOf", "2026-06-30"));
        assertEquals(1, june.getInt("measures.atRisk"), "the behind-pace measure of ENV stood at risk at the end of June");
        assertEquals(1, june.getInt("measures.behindPace"));
        assertEquals(0, june.getInt("measures.overdue"));
        JsonPath juneRanking = ranking(Map.of("asOf", "2026-06-30", "size", 500));
        Map<String, Object> envInJune = juneRanking.getMap("items.find { it.code == 'ENV' }");
        @SuppressWarnings("unchecked")
        Map<String, Object> junePunctuality = (Map<String, Object>) envInJune.get("punctuality");
        assertEquals("2026-05", junePunctuality.get("toPeriod"), "June's reports were not due yet on 30 June");
        assertEquals(1, junePunctuality.get("onTime"));
        assertEquals(0, junePunctuality.get("late"));

        given().queryParam("district", DISTRICT).queryParam("asOf", "2026-05-15").get("/overview").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("asOf"));
        given().queryParam("district", DISTRICT).queryParam("asOf", "2026-07-31").get("/overview").then()
                .statusCode(400).body("errors[0].field", equalTo("asOf"));
        given().queryParam("district", DISTRICT).queryParam("asOf", "31.05.2026").get("/overview").then()
                .statusCode(400).body("errors[0].field", equalTo("asOf"));
        given().queryParam("district", "无此区").get("/overview").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("district", DISTRICT).queryParam("year", "twenty").get("/overview").then()
                .statusCode(400).body("errors[0].field", equalTo("year"));
    }

    @Test
    void showsTheAirQualityIndicatorsAndTheTownRankingWithNames() {
        JsonPath yanqing = given().queryParam("district", "延庆区").queryParam("year", 2026).get("/overview").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2, 3), yanqing.getList("airQuality.number", Integer.class));
        assertEquals(22, yanqing.getList("indicators").size());
        assertEquals(List.of("26", "80", "3"), yanqing.getList("airQuality.target").stream().map(String::valueOf).toList(),
                "targets as whole numbers, not 26.000000 or 8E+1");
        assertEquals("区生态环境局", yanqing.getString("airQuality[0].leadDepartments[0].name"));
        assertEquals(18, yanqing.getList("townRanking.areas").size());
        assertTrue(yanqing.getList("townRanking.areas.name", String.class).contains("百泉街道"));
        // The district overview needs the district when the catalogue holds two districts' plans.
        given().queryParam("year", 2026).get("/overview").then().statusCode(400).body("errors[0].field", equalTo("district"));
    }

    // ---- the story's events ---------------------------------------------------------------------------------------

    private void send(EventWriter writer, MeasureState seed, DeliveryState state, LocalDate assessedOn, Integer paceGap) {
        MeasureState measure = copy.measure(seed);
        long sequence = sequences.merge(measure.id(), 1L, Long::sum);
        LocalDate deadline = "ONGOING".equals(measure.deadline().kind()) ? null : measure.deadline().end();
        boolean overdueNow = state == DeliveryState.OVERDUE;
        Integer daysLate = null;
        if (overdueNow) {
            daysLate = (int) (assessedOn.toEpochDay() - deadline.toEpochDay());
        } else if (state == DeliveryState.COMPLETED_LATE) {
            daysLate = 5;
        }
        Integer expected = paceGap == null ? null : 52;
        DeliveryAssessment delivery = new DeliveryAssessment(state, state.chineseName(), assessedOn,
                deadline == null ? null : LocalDate.of(2026, 1, 1), deadline, expected, paceGap,
                overdueNow ? deadline.plusDays(1) : null, daysLate);
        boolean completed = state.completed();
        MeasureStatusChanged event = new MeasureStatusChanged(measure.id(), sequence, measure.planId(), measure.taskId(),
                completed ? ReportStatus.COMPLETED : ReportStatus.ON_TRACK, null, overdueNow,
                completed ? 100 : paceGap == null ? 50 : expected - paceGap, deadline, completed ? assessedOn : null,
                completed ? state == DeliveryState.COMPLETED_ON_TIME : null, "report-" + measure.id(), null,
                assessedOn.atStartOfDay(clock.zone()).toInstant(), delivery, APPROVED);
        writer.send(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                ProgressEvents.MEASURE_STATUS_CHANGED.eventType(), event);
    }

    private void report(EventWriter writer, MeasureState seed, String period, String submittedAt) {
        MeasureState measure = copy.measure(seed);
        ReportEvent report = new ReportEvent("monthly-" + UUID.randomUUID(), 1, measure.id(), measure.planId(), measure.taskId(),
                period, "MONTHLY", WorkflowState.SUBMITTED, ReportStatus.ON_TRACK, 12, "按计划推进", List.of(), "ENV", "LEAD",
                "reporter@ecoplan.test", Instant.parse(submittedAt), null, null, null, 0);
        writer.send(UUID.randomUUID(), ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                ProgressEvents.REPORT_SUBMITTED.eventType(), report);
    }

    // ---- reads -----------------------------------------------------------------------------------------------

    private static JsonPath overview(Map<String, ?> parameters) {
        return given().queryParam("district", DISTRICT).queryParams(parameters).get("/overview").then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static JsonPath list(Map<String, ?> parameters) {
        return given().queryParam("district", DISTRICT).queryParams(parameters).get("/overview/supervision-list").then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static JsonPath ranking(Map<String, ?> parameters) {
        return given().queryParam("district", DISTRICT).queryParams(parameters).get("/overview/department-ranking").then()
                .log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static MeasureState seed(Predicate<MeasureState> matching) {
        return SeedCatalogue.measure(matching);
    }

    private static int attachment(MeasureState measure) {
        return SeedCatalogue.records().stream().filter(record -> record.aggregateType().equals("plan")
                && record.key().equals(measure.planId())).findFirst().orElseThrow().data().path("attachment").asInt();
    }
}
