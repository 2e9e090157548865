package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.status.DeliveryAssessmentJob;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The delivery state as progress-service decides, stores and publishes it: on a measure's arrival from the
 * catalogue, on approvals, on catalogue changes and by the daily assessment, once per business date whatever
 * the replicas. Measures: 附件1 第30项's 6月底前 measure, the 6-9月 window measure and an ongoing one, which no
 * other test reports on; business dates of their own per test (a date assessed once stays assessed).
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class DeliveryAssessmentTest extends ProgressTestSupport {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);
    private static final String STATUS_CHANGED = ProgressEvents.MEASURE_STATUS_CHANGED.eventType();

    @Inject
    DeliveryAssessmentJob job;

    @Inject
    BusinessClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void systemTimeAgain() {
        clock.useSystemTime();
    }

    @Test
    void everyCatalogueMeasureIsAssessedOnArrivalAlsoWithoutAReport() throws SQLException {
        List<String> ids = SeedCatalogue.measures().stream().map(MeasureState::id).toList();
        try (Connection connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select count(*) from measure_status where delivery_state is not null and sequence > 0 and measure_id = any(?)")) {
            query.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (var rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(ids.size());
            }
        }
        MeasureState ongoing = ongoing();
        JsonPath first = JsonPath.from(EventReader.awaitRecord(ProgressEvents.TOPIC,
                record -> ongoing.id().equals(record.key()) && type(record).equals(STATUS_CHANGED), EVENT_TIMEOUT).value());
        assertThat(first.getLong("sequence")).isEqualTo(1);
        assertThat(first.getString("previousStatus")).isNull();
        assertThat(first.getString("status")).isEqualTo("NOT_STARTED");
        assertThat(first.getString("delivery.state")).isEqualTo("ON_TRACK");
        assertThat(first.getString("delivery.stateName")).isEqualTo("正常推进");
        assertThat(first.getString("delivery.windowEnd")).isNull();
        assertThat(first.getString("lastApprovedAt")).isNull();
    }

    @Test
    void theDailyAssessmentMovesStatesWithTheCalendarPublishesEachChangeOnceAndViewsShowTheStoredState() {
        MeasureState june = june();
        String water = bearer("reporter", "WATER", "wang.fang");

        at("2026-02-10");
        assertThat(job.run().ran()).isTrue();
        JsonPath february = status(june);
        assertThat(february.getString("deliveryState")).isEqualTo("ON_TRACK");
        assertThat(february.getInt("delivery.expectedPercent")).isEqualTo(22);
        long sequence = february.getLong("sequence");

        // Pace slips with the calendar alone: 25 % of January-June has passed on 15 February, nothing is reported.
        at("2026-02-15");
        DeliveryAssessmentJob.Result slipped = job.run();
        assertThat(slipped.published()).contains(june.id());
        assertThat(slipped.assessed()).isGreaterThanOrEqualTo(SeedCatalogue.measures().size());
        JsonPath behind = statusEvent(june, sequence + 1);
        assertThat(behind.getString("delivery.state")).isEqualTo("BEHIND_PACE");
        assertThat(behind.getString("delivery.stateName")).isEqualTo("滞后于序时进度");
        assertThat(behind.getInt("delivery.expectedPercent")).isEqualTo(25);
        assertThat(behind.getInt("delivery.paceGap")).isEqualTo(25);
        assertThat(behind.getString("delivery.assessedOn")).isEqualTo("2026-02-15");
        assertThat(behind.getString("delivery.windowStart")).isEqualTo("2026-01-01");
        assertThat(behind.getBoolean("overdue")).isFalse();
        JsonPath view = status(june);
        assertThat(view.getString("deliveryState")).isEqualTo("BEHIND_PACE");
        assertThat(view.getMap("delivery")).isEqualTo(behind.getMap("delivery"));
        assertThat(view.getLong("sequence")).isEqualTo(sequence + 1);

        // A second try on the same date (another replica, a restart) publishes nothing.
        DeliveryAssessmentJob.Result again = job.run();
        assertThat(again.ran()).isFalse();
        assertThat(again.published()).isEmpty();

        at("2026-07-01");
        assertThat(job.run().published()).contains(june.id());
        JsonPath overdue = statusEvent(june, sequence + 2);
        assertThat(overdue.getString("delivery.state")).isEqualTo("OVERDUE");
        assertThat(overdue.getString("delivery.overdueSince")).isEqualTo("2026-07-01");
        assertThat(overdue.getInt("delivery.daysLate")).isEqualTo(1);
        assertThat(overdue.getBoolean("overdue")).isTrue();
        assertThat(overdue.getString("status")).isEqualTo("NOT_STARTED");
        assertThat(overdue.getString("previousStatus")).isEqualTo("NOT_STARTED");
        assertThat(overdue.getString("basedOnReportId")).isNull();
        assertThat(overdue.getString("deadline")).isEqualTo("2026-06-30");

        // Days late move every day; the state does not: stored for the views, not published.
        at("2026-07-05");
        assertThat(job.run().published()).doesNotContain(june.id());
        JsonPath fifth = status(june);
        assertThat(fifth.getLong("sequence")).isEqualTo(sequence + 2);
        assertThat(fifth.getInt("delivery.daysLate")).isEqualTo(5);
        assertThat(fifth.getString("delivery.assessedOn")).isEqualTo("2026-07-05");
        assertThat(fifth.getBoolean("overdue")).isTrue();
        JsonPath todo = as(water).get("/departments/WATER/todo").then().statusCode(200).extract().jsonPath();
        assertThat(todo.getString("departmentName")).isEqualTo("区水务局");
        assertThat(todo.getString("measures[0].measureId")).as("overdue first").isEqualTo(june.id());
        assertThat(todo.getString("measures[0].deliveryState")).isEqualTo("OVERDUE");
        assertThat(todo.getString("measures[0].deliveryStateName")).isEqualTo("已逾期");
        assertThat(todo.getInt("measures[0].delivery.daysLate")).isEqualTo(5);
        assertThat(todo.getString("measures[0].taskReference")).isEqualTo("附件1 第30项");
        assertThat(todo.getString("measures[0].taskTitle")).isEqualTo("提高溢流污染控制水平");
        assertThat(todo.getString("measures[0].statusName")).isEqualTo("未启动");

        // Completed late: the approval decides COMPLETED_LATE in its own transaction.
        JsonPath completed = created(water, adHoc(june.id(), "COMPLETED", 100, true));
        action(SUPERVISOR, completed.getString("id"), "approve", etag(completed), null);
        JsonPath done = statusEvent(june, sequence + 3);
        assertThat(done.getString("delivery.state")).isEqualTo("COMPLETED_LATE");
        assertThat(done.getString("delivery.stateName")).isEqualTo("逾期完成");
        assertThat(done.getInt("delivery.daysLate")).isEqualTo(5);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getBoolean("overdue")).isFalse();
        assertThat(done.getBoolean("completedOnTime")).isFalse();
        assertThat(done.getString("completedOn")).isEqualTo("2026-07-05");
        assertThat(done.getString("basedOnReportId")).isEqualTo(completed.getString("id"));
        assertThat(done.getString("lastApprovedAt")).isNotNull();
        assertThat(status(june).getString("lastApprovedAt")).isNotNull();

        at("2026-07-06");
        assertThat(job.run().published()).doesNotContain(june.id());
        assertThat(status(june).getString("deliveryState")).isEqualTo("COMPLETED_LATE");

        // An ongoing measure is never overdue nor behind pace, whatever the date.
        assertThat(status(ongoing()).getString("deliveryState")).isEqualTo("ON_TRACK");
        assertThat(status(ongoing()).getString("delivery.expectedPercent")).isNull();
    }

    @Test
    void runsOnceAcrossReplicasAndAFailedOrBlockedRunIsTriedAgain() throws SQLException {
        at("2026-08-20");
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (var lock = otherReplica.prepareStatement(
                    "select pg_advisory_xact_lock(hashtext('ecoplan.progress.delivery-assessment'))")) {
                lock.execute();
            }
            DeliveryAssessmentJob.Result whileOtherRuns = job.run();
            assertThat(whileOtherRuns.ran()).as("another replica holds the lock").isFalse();
            assertThat(runsOn("2026-08-20")).isZero();
            otherReplica.rollback();
        }
        assertThat(job.run().ran()).as("the next try, once the other replica let go").isTrue();
        assertThat(job.run().ran()).isFalse();
        assertThat(runsOn("2026-08-20")).isEqualTo(1);
    }

    @Test
    void aDeadlineChangeFromTheCatalogueIsAssessedAtOnce() {
        MeasureState window = SeedCatalogue.measure(m -> "WINDOW".equals(m.deadline().kind()));
        at("2026-10-05");
        try (var catalogue = new EventWriter("/ecoplan/plan-service")) {
            catalogue.send(UUID.randomUUID(), CatalogueEvents.TOPIC, CatalogueEvents.MEASURE.aggregateType(), window.id(),
                    CatalogueEvents.MEASURE.eventType(), withEnd(window, window.revision() + 100, window.deadline().end()));
            await().atMost(EVENT_TIMEOUT).until(() -> "2026-10-05".equals(status(window).getString("delivery.assessedOn")));
            JsonPath before = status(window);
            assertThat(before.getString("deliveryState")).isEqualTo("OVERDUE");

            catalogue.send(UUID.randomUUID(), CatalogueEvents.TOPIC, CatalogueEvents.MEASURE.aggregateType(), window.id(),
                    CatalogueEvents.MEASURE.eventType(), withEnd(window, window.revision() + 101, LocalDate.of(2026, 10, 31)));
            JsonPath moved = statusEvent(window, before.getLong("sequence") + 1);
            // 1 June - 31 October: 126 of 152 days have passed, nothing is reported.
            assertThat(moved.getString("delivery.state")).isEqualTo("BEHIND_PACE");
            assertThat(moved.getString("delivery.windowEnd")).isEqualTo("2026-10-31");
            assertThat(moved.getInt("delivery.expectedPercent")).isEqualTo(83);
            assertThat(moved.getString("deadline")).isEqualTo("2026-10-31");
            assertThat(moved.getBoolean("overdue")).isFalse();
            assertThat(status(window).getString("deliveryState")).isEqualTo("BEHIND_PACE");
        }
    }

    @Test
    void anAdministratorSetsTheBusinessClockAndRunsTheAssessmentOverHttp() {
        String admin = bearer("admin", null, "ops.admin");
        as(admin).contentType("application/json").body("{\"date\":\"2026-09-10\",\"hour\":1}").put("/admin/clock")
                .then().statusCode(200);
        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 9, 10));
        JsonPath run = as(admin).post("/delivery-assessment/run").then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("businessDate")).isEqualTo("2026-09-10");
        assertThat(run.getBoolean("ran")).isTrue();
        assertThat(run.getInt("assessed")).isGreaterThanOrEqualTo(SeedCatalogue.measures().size());
        assertThat(as(admin).post("/delivery-assessment/run").then().statusCode(200).extract().jsonPath().getBoolean("ran"))
                .isFalse();

        as(SUPERVISOR).post("/delivery-assessment/run").then().statusCode(403).contentType("application/problem+json");
        as(SUPERVISOR).contentType("application/json").body("{\"date\":\"2026-01-01\"}").put("/admin/clock")
                .then().statusCode(403);
        as(admin).contentType("application/json").body("{\"date\":\"2026-01-01\",\"hour\":24}").put("/admin/clock")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(clock.today()).isEqualTo(LocalDate.of(2026, 9, 10));
        String today = as(admin).delete("/admin/clock").then().statusCode(200).extract().jsonPath().getString("today");
        assertThat(today).isEqualTo(LocalDate.now(clock.zone()).toString());
    }

    private void at(String day) {
        clock.setTo(LocalDate.parse(day), 1);
    }

    private static MeasureState june() {
        return seedMeasure(m -> "6月底前".equals(m.deadline().label()));
    }

    private static MeasureState ongoing() {
        return seedMeasure(m -> "ONGOING".equals(m.deadline().kind()));
    }

    private static MeasureState withEnd(MeasureState measure, long revision, LocalDate end) {
        var deadline = measure.deadline();
        return new MeasureState(measure.id(), revision, measure.planId(), measure.sectionId(), measure.taskId(),
                measure.year(), measure.taskNumber(), measure.position(), measure.text(),
                new MeasureState.Deadline(deadline.kind(), deadline.start(), end, end.getMonthValue() + "月底前"),
                measure.assignments(), measure.timingHints());
    }

    private static JsonPath status(MeasureState measure) {
        return as(SUPERVISOR).get("/measures/{id}/status", measure.id()).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath statusEvent(MeasureState measure, long sequence) {
        ConsumerRecord<String, String> record = EventReader.awaitRecord(ProgressEvents.TOPIC,
                candidate -> measure.id().equals(candidate.key()) && type(candidate).equals(STATUS_CHANGED)
                        && JsonPath.from(candidate.value()).getLong("sequence") == sequence, EVENT_TIMEOUT);
        return JsonPath.from(record.value());
    }

    private int runsOn(String day) throws SQLException {
        try (Connection connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select count(*) from delivery_assessment_run where business_date = ?")) {
            query.setObject(1, LocalDate.parse(day));
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
