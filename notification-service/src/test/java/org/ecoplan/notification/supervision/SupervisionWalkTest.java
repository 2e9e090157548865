package org.ecoplan.notification.supervision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.notification.GreenMailResource;
import org.ecoplan.notification.ProgressPlayer;
import org.ecoplan.notification.alert.RaisedAlertKeys;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Walks the business clock through 2026 (and into January 2027) over the real seed catalogue, playing
 * progress-service for four sample measures, one of each deadline kind, and checks every alert they get:
 * which, with which period, on which day, each once, also after a simulated restart re-runs every day.
 * <p>
 * Overdue and behind pace are progress-service's decisions: the walk plays its status events with the delivery
 * states its DeliveryRule decides (written out by hand below, on the day its daily assessment or an approval
 * would publish them: the services never import each other; the system test checks the two agree). No other
 * seed measure gets a state here, and none of them gets an overdue or behind-pace alert: this service follows
 * the decided state and judges no deadline itself.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class SupervisionWalkTest {

    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2027, 1, 20);
    private static final String REPORTER = "reporter@ecoplan.test";

    @Inject
    BusinessClock clock;

    @Inject
    SupervisionScheduler scheduler;

    @Inject
    RaisedAlertKeys knownKeys;

    @Inject
    CatalogueReplica replica;

    @Inject
    DataSource dataSource;

    @Test
    void walkingThroughTheYearRaisesTheExpectedAlertsEachOnceAlsoAcrossARestart() {
        MeasureState window = SeedCatalogue.measure(m -> "WINDOW".equals(m.deadline().kind()));
        MeasureState june = SeedCatalogue.measure(m -> "6月底前".equals(m.deadline().label()));
        MeasureState yearEnd = SeedCatalogue.measure(m -> "年底前".equals(m.deadline().label()));
        MeasureState ongoing = SeedCatalogue.measure(m -> "长期实施".equals(m.deadline().label()));
        SeedCatalogue.publishOnce();
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(window, june, yearEnd, ongoing).stream()
                .allMatch(m -> replica.find(MeasureState.class, m.id()).isPresent())
                && replica.count(MeasureState.class) >= SeedCatalogue.measures().size());

        String ongoingFirstReport = UUID.randomUUID().toString();
        String ongoingSecondReport = UUID.randomUUID().toString();
        long started = System.nanoTime();
        try (var player = new ProgressPlayer(dataSource)) {
            Map<LocalDate, List<Runnable>> script = new HashMap<>();
            // Every measure's first assessment (its arrival from the catalogue).
            on(script, FIRST_DAY, () -> {
                decided(player, june, 1, ReportStatus.NOT_STARTED, 0, null, null, DeliveryState.ON_TRACK, 0, 0);
                decided(player, window, 1, ReportStatus.NOT_STARTED, 0, null, null, DeliveryState.NOT_DUE, null, null);
                decided(player, yearEnd, 1, ReportStatus.NOT_STARTED, 0, null, null, DeliveryState.ON_TRACK, 0, 0);
                decided(player, ongoing, 1, ReportStatus.NOT_STARTED, 0, null, null, DeliveryState.ON_TRACK, null, null);
            });
            // 年底前: reported and approved every month, on pace (never 25 points behind), completed on 20 December.
            // The expected percent (序时进度) on the 3rd of February … December, as progress-service states it.
            int[] expectedOnThe3rd = { 9, 17, 25, 34, 42, 50, 59, 67, 76, 84, 92 };
            for (int month = 1; month <= 11; month++) {
                int percent = 8 * month;
                String period = "2026-%02d".formatted(month);
                long sequence = month + 1;
                LocalDate approvedOn = LocalDate.of(2026, month + 1, 3);
                int expected = expectedOnThe3rd[month - 1];
                on(script, approvedOn, () -> approved(player, yearEnd, period, percent, sequence, ReportStatus.ON_TRACK,
                        null, DeliveryState.ON_TRACK, expected, expected - percent));
            }
            on(script, LocalDate.of(2026, 12, 20), () -> approved(player, yearEnd, "2026-12", 100, 13,
                    ReportStatus.COMPLETED, LocalDate.of(2026, 12, 20), DeliveryState.COMPLETED_ON_TIME, 97, -3));
            // 6-9月: the window opens; 25 % of it passes unreported (2 July); reported from July, completed on 25
            // September; an old status is redelivered and one arrives late.
            on(script, LocalDate.of(2026, 6, 1), () -> decided(player, window, 2, ReportStatus.NOT_STARTED, 0, null, null,
                    DeliveryState.ON_TRACK, 0, 0));
            on(script, LocalDate.of(2026, 7, 2), () -> decided(player, window, 3, ReportStatus.NOT_STARTED, 0, null, null,
                    DeliveryState.BEHIND_PACE, 26, 26));
            on(script, LocalDate.of(2026, 7, 3), () -> approved(player, window, "2026-06", 30, 4, ReportStatus.ON_TRACK, null,
                    DeliveryState.ON_TRACK, 26, -4));
            on(script, LocalDate.of(2026, 8, 3), () -> {
                approved(player, window, "2026-07", 60, 5, ReportStatus.ON_TRACK, null, DeliveryState.ON_TRACK, 52, -8);
                redeliverFirstApprovalAndALateCopy(player, window);
            });
            on(script, LocalDate.of(2026, 9, 3), () -> approved(player, window, "2026-08", 90, 6, ReportStatus.ON_TRACK, null,
                    DeliveryState.ON_TRACK, 78, -12));
            on(script, LocalDate.of(2026, 9, 25), () -> approved(player, window, "2026-09", 100, 7, ReportStatus.COMPLETED,
                    LocalDate.of(2026, 9, 25), DeliveryState.COMPLETED_ON_TIME, 96, -4));
            // 长期实施: January reported and approved; February's report waits, is returned, resubmitted and approved; then silence.
            on(script, LocalDate.of(2026, 2, 3), () -> report(player, ProgressEvents.REPORT_SUBMITTED, ongoingFirstReport, 1, ongoing, "2026-01", WorkflowState.SUBMITTED, LocalDate.of(2026, 2, 3)));
            on(script, LocalDate.of(2026, 2, 4), () -> {
                report(player, ProgressEvents.REPORT_APPROVED, ongoingFirstReport, 2, ongoing, "2026-01", WorkflowState.APPROVED, LocalDate.of(2026, 2, 3));
                decided(player, ongoing, 2, ReportStatus.ON_TRACK, 50, null, "2026-01", DeliveryState.ON_TRACK, null, null);
            });
            on(script, LocalDate.of(2026, 3, 3), () -> report(player, ProgressEvents.REPORT_SUBMITTED, ongoingSecondReport, 1, ongoing, "2026-02", WorkflowState.SUBMITTED, LocalDate.of(2026, 3, 3)));
            on(script, LocalDate.of(2026, 3, 9), () -> report(player, ProgressEvents.REPORT_RETURNED, ongoingSecondReport, 2, ongoing, "2026-02", WorkflowState.RETURNED, LocalDate.of(2026, 3, 3)));
            on(script, LocalDate.of(2026, 3, 10), () -> report(player, ProgressEvents.REPORT_SUBMITTED, ongoingSecondReport, 3, ongoing, "2026-02", WorkflowState.SUBMITTED, LocalDate.of(2026, 3, 10)));
            on(script, LocalDate.of(2026, 3, 11), () -> {
                report(player, ProgressEvents.REPORT_APPROVED, ongoingSecondReport, 4, ongoing, "2026-02", WorkflowState.APPROVED, LocalDate.of(2026, 3, 10));
                decided(player, ongoing, 3, ReportStatus.ON_TRACK, 50, null, "2026-02", DeliveryState.ON_TRACK, null, null);
            });
            // 6月底前: never reported. The daily assessment finds it behind pace on 15 February (45 of 180 days)
            // and overdue on 1 July.
            on(script, LocalDate.of(2026, 2, 15), () -> decided(player, june, 2, ReportStatus.NOT_STARTED, 0, null, null,
                    DeliveryState.BEHIND_PACE, 25, 25));
            on(script, LocalDate.of(2026, 7, 1), () -> decided(player, june, 3, ReportStatus.NOT_STARTED, 0, null, null,
                    DeliveryState.OVERDUE, 100, 100));

        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
                clock.setTo(day, 9);
                script.getOrDefault(day, List.of()).forEach(Runnable::run);
                scheduler.tick(day);
            }
        }
        Duration walk = Duration.ofNanos(System.nanoTime() - started);

        List<String> expectedJune = List.of(
                "BEHIND_PACE 2026-02 2026-02-15", "MISSING_REPORT 2026-01 2026-02-05",
                "BEHIND_PACE 2026-03 2026-03-01", "MISSING_REPORT 2026-02 2026-03-05",
                "BEHIND_PACE 2026-04 2026-04-01", "MISSING_REPORT 2026-03 2026-04-05",
                "BEHIND_PACE 2026-05 2026-05-01", "MISSING_REPORT 2026-04 2026-05-05",
                "DEADLINE_REMINDER D-30@2026-06-30 2026-05-31",
                "BEHIND_PACE 2026-06 2026-06-01", "MISSING_REPORT 2026-05 2026-06-05",
                "DEADLINE_REMINDER D-7@2026-06-30 2026-06-23", "DEADLINE_REMINDER D-1@2026-06-30 2026-06-29",
                "OVERDUE due@2026-06-30 2026-07-01", "MISSING_REPORT 2026-06 2026-07-05",
                "ESCALATED_TO_SUPERVISORS due@2026-06-30 2026-07-08", "ESCALATED_TO_HEAD due@2026-06-30 2026-07-15");
        List<String> expectedWindow = List.of(
                "WINDOW_OPENING open@2026-06-01 2026-05-25", "BEHIND_PACE 2026-07 2026-07-02",
                "DEADLINE_REMINDER D-30@2026-09-30 2026-08-31", "DEADLINE_REMINDER D-7@2026-09-30 2026-09-23");
        List<String> expectedYearEnd = List.of("DEADLINE_REMINDER D-30@2026-12-31 2026-12-01");
        List<String> expectedOngoing = new ArrayList<>();
        for (int month = 3; month <= 12; month++) {
            LocalDate due = LocalDate.of(2026, 3, 5).plusMonths(month - 2);
            expectedOngoing.add("MISSING_REPORT 2026-%02d %s".formatted(month, due));
        }
        List<String> expectedSecondReport = List.of("REVIEW_WAITING rev1 2026-03-06", "REPORT_RETURNED rev2 2026-03-09");

        assertThat(alertsOf(june.id())).containsExactlyInAnyOrderElementsOf(expectedJune);
        assertThat(alertsOf(window.id())).containsExactlyInAnyOrderElementsOf(expectedWindow);
        assertThat(alertsOf(yearEnd.id())).containsExactlyInAnyOrderElementsOf(expectedYearEnd);
        assertThat(alertsOf(ongoing.id())).containsExactlyInAnyOrderElementsOf(expectedOngoing);
        assertThat(reportAlerts(ongoingSecondReport)).containsExactlyInAnyOrderElementsOf(expectedSecondReport);
        assertThat(reportAlerts(ongoingFirstReport)).isEmpty();
        assertThat(walk).as("walking %s days", FIRST_DAY.until(LAST_DAY).getDays()).isLessThan(Duration.ofSeconds(90));
        // The 208 other seed measures have no decided state here: whatever their deadlines, no state alert.
        assertThat(totalAlerts("OVERDUE")).isEqualTo(1);
        assertThat(totalAlerts("BEHIND_PACE")).isEqualTo(6);

        // The texts are Chinese throughout: the task as 附件N 第M项, statuses by their Chinese names.
        JsonPath overdue = JsonPath.from(given().header("Authorization", Tokens.bearer("supervisor", null))
                .queryParam("rule", "OVERDUE").queryParam("subject", june.id()).get("/alerts").then().statusCode(200)
                .extract().asString()).setRootPath("items[0]");
        assertThat(overdue.getString("title")).isEqualTo("【红色督办】已逾期：附件1 第30项 " + june.text().substring(0, 40) + "…");
        assertThat(overdue.getString("reason")).startsWith("附件1 第30项措施「" + june.text() + "」的完成时限 2026-06-30（6月底前）已过")
                .contains("（报告状态：未启动，完成 0%），已逾期 1 天。").doesNotContainPattern("[A-Za-z]");
        assertThat(overdue.getList("departments", String.class)).containsExactly("WATER", "URBAN-MGMT");
        assertThat(overdue.getList("namedDepartments.name", String.class)).containsExactly("区水务局", "区城市管理委");
        JsonPath behind = JsonPath.from(given().header("Authorization", Tokens.bearer("supervisor", null))
                .queryParam("rule", "BEHIND_PACE").queryParam("subject", june.id()).queryParam("to", "2026-02-28")
                .get("/alerts").then().statusCode(200).extract().asString()).setRootPath("items[0]");
        assertThat(behind.getString("reason")).isEqualTo("截至 2026-02-15，附件1 第30项措施「" + june.text()
                + "」实施期（2026-01-01 至 2026-06-30）已过 25%，最新审核通过的完成度为 0%，落后序时进度 25 个百分点（报告状态：未启动）。");

        // The departments the rules name got them: the lead department, its head, the supervisors, group members.
        String juneLead = Recipients.departmentsByRole(june).get("LEAD").get(0);
        assertThat(inbox("DEPARTMENT_HEAD", juneLead, june.id())).containsExactly("ESCALATED_TO_HEAD");
        assertThat(inbox("DEPARTMENT", juneLead, june.id())).hasSize(expectedJune.size() - 2)
                .doesNotContain("ESCALATED_TO_SUPERVISORS", "ESCALATED_TO_HEAD");
        assertThat(inbox("SUPERVISORS", null, june.id()))
                .containsExactlyInAnyOrder("OVERDUE", "ESCALATED_TO_SUPERVISORS", "ESCALATED_TO_HEAD");
        assertThat(inbox("DEPARTMENT", "BAIQUAN", yearEnd.id())).containsExactly("DEADLINE_REMINDER");
        assertThat(inbox("USER", null, ongoingSecondReport)).containsExactly("REPORT_RETURNED");

        // A restart forgets what is in memory; walking every day again must send nothing.
        long total = totalAlerts();
        knownKeys.clear();
        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
            clock.setTo(day, 9);
            assertThat(scheduler.tick(day).raised()).as("alerts raised again on %s", day).isZero();
        }
        assertThat(totalAlerts()).isEqualTo(total);
        assertThat(alertsOf(june.id())).hasSameSizeAs(expectedJune);
        assertThat(alertsOf(ongoing.id())).hasSameSizeAs(expectedOngoing);
    }

    private void redeliverFirstApprovalAndALateCopy(ProgressPlayer player, MeasureState window) {
        UUID first = firstWindowApproval;
        // The same event again (Kafka redelivery), then an old state under a new id (a late copy).
        MeasureStatusChanged old = status(window, 4, 30, ReportStatus.ON_TRACK, null, "2026-06",
                assessed(window, DeliveryState.ON_TRACK, 26, -4));
        player.status(first, old);
        player.status(old);
        JsonPath state = supervision(window.id());
        assertThat(state.getInt("progress.percentComplete")).isEqualTo(60);
        assertThat(state.getLong("progress.sequence")).isEqualTo(5);
        assertThat(state.getString("progress.delivery.state")).isEqualTo("ON_TRACK");
        assertThat(state.getInt("progress.delivery.expectedPercent")).isEqualTo(52);
    }

    private UUID firstWindowApproval;

    /** An approval: the report event, then the status event with the state progress-service decided. */
    private void approved(ProgressPlayer player, MeasureState measure, String period, int percent, long sequence,
            ReportStatus status, LocalDate completedOn, DeliveryState state, Integer expected, Integer gap) {
        String reportId = UUID.randomUUID().toString();
        report(player, ProgressEvents.REPORT_APPROVED, reportId, 2, measure, period, WorkflowState.APPROVED, clock.today());
        UUID eventId = decided(player, measure, sequence, status, percent, completedOn, period, state, expected, gap);
        if (firstWindowApproval == null && "WINDOW".equals(measure.deadline().kind())) {
            firstWindowApproval = eventId;
        }
    }

    /** A status event with the delivery state progress-service decided on today's business date. */
    private UUID decided(ProgressPlayer player, MeasureState measure, long sequence, ReportStatus status, int percent,
            LocalDate completedOn, String period, DeliveryState state, Integer expected, Integer gap) {
        return player.status(status(measure, sequence, percent, status, completedOn, period,
                assessed(measure, state, expected, gap)));
    }

    private DeliveryAssessment assessed(MeasureState measure, DeliveryState state, Integer expected, Integer gap) {
        LocalDate today = clock.today();
        LocalDate due = measure.dueDate();
        boolean late = state == DeliveryState.OVERDUE;
        return DeliveryAssessment.of(state, today, measure.windowStart(), due, expected, gap,
                late ? due.plusDays(1) : null, late ? (int) ChronoUnit.DAYS.between(due, today) : null);
    }

    private static MeasureStatusChanged status(MeasureState measure, long sequence, int percent, ReportStatus status,
            LocalDate completedOn, String period, DeliveryAssessment delivery) {
        return ProgressPlayer.status(measure.id(), measure.planId(), sequence, status, percent, completedOn, period, delivery);
    }

    private void report(ProgressPlayer player, ProgressEvents kind, String reportId, long revision, MeasureState measure,
            String period, WorkflowState state, LocalDate submittedOn) {
        Instant submittedAt = submittedOn.atTime(9, 0).atZone(DISTRICT).toInstant();
        String lead = Recipients.departmentsByRole(measure).get("LEAD").get(0);
        player.report(kind, ProgressPlayer.report(reportId, revision, measure.id(), measure.planId(), period, state, 50,
                lead, REPORTER, submittedAt));
    }

    private static void on(Map<LocalDate, List<Runnable>> script, LocalDate day, Runnable action) {
        script.computeIfAbsent(day, d -> new ArrayList<>()).add(action);
    }

    private static JsonPath supervision(String measureId) {
        return given().header("Authorization", Tokens.bearer("supervisor", null))
                .get("/supervision/measures/{id}", measureId).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> alertsOf(String measureId) {
        return describe(supervision(measureId).getList("alerts"));
    }

    private static List<String> reportAlerts(String reportId) {
        return describe(given().header("Authorization", Tokens.bearer("supervisor", null)).queryParam("subject", reportId)
                .get("/alerts").then().statusCode(200).extract().jsonPath().getList("items"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> describe(List<Object> alerts) {
        return alerts.stream().map(a -> (Map<String, Object>) a)
                .map(a -> a.get("rule") + " " + a.get("period") + " " + a.get("businessDate")).toList();
    }

    private static List<String> inbox(String box, String department, String subject) {
        var request = given().header("Authorization", "USER".equals(box) ? Tokens.bearer("reporter", null) : Tokens.bearer("supervisor", null))
                .queryParam("box", box).queryParam("subject", subject).queryParam("size", 100);
        if (department != null) {
            request.queryParam("department", department);
        }
        return request.get("/inbox/messages").then().statusCode(200).extract().jsonPath().getList("items.rule");
    }

    private static long totalAlerts(String rule) {
        return given().header("Authorization", Tokens.bearer("admin", null)).queryParam("rule", rule).queryParam("size", 1)
                .get("/alerts").then().statusCode(200).extract().jsonPath().getLong("totalItems");
    }

    private static long totalAlerts() {
        return given().header("Authorization", Tokens.bearer("admin", null)).queryParam("size", 1).get("/alerts")
                .then().statusCode(200).extract().jsonPath().getLong("totalItems");
    }
}
