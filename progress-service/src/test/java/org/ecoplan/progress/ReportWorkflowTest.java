package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The workflow end to end, its history and its events (measures envLedMeasure 0, 1 and 30, and one assisted measure).
 * The business clock stands in June 2026, so that no result depends on the day the tests run.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ReportWorkflowTest extends ProgressTestSupport {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    BusinessClock clock;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void inJune() {
        clock.setTo(LocalDate.of(2026, 6, 10), 9);
    }

    @AfterEach
    void systemTimeAgain() {
        clock.useSystemTime();
    }

    /**
     * A submission records its monthly period on the measure's status in one statement (no approval needed), which
     * creates the status row of a measure the service has not assessed yet and never moves the period back.
     */
    @Test
    void aSubmissionMovesTheLastReportedPeriodOnAndNeverBack() throws SQLException {
        String measureId = envLedMeasure(30).id();
        sql("delete from measure_status where measure_id = ?", measureId);

        created(ENV_REPORTER, monthly(measureId, "2026-03", "ON_TRACK", 30, true));
        assertThat(statusRow(measureId)).containsExactly("2026-03", "NOT_STARTED", 0L);

        created(ENV_REPORTER, monthly(measureId, "2026-01", "ON_TRACK", 10, true));
        created(ENV_REPORTER, adHoc(measureId, "ON_TRACK", 35, true));
        JsonPath draft = created(ENV_REPORTER, monthly(measureId, "2026-04", "ON_TRACK", 40, false));
        assertThat(statusRow(measureId)).containsExactly("2026-03", "NOT_STARTED", 0L);

        action(ENV_REPORTER, draft.getString("id"), "submit", etag(draft), null);
        assertThat(statusRow(measureId)).containsExactly("2026-04", "NOT_STARTED", 0L);
        assertThat(as(SUPERVISOR).get("/measures/{id}/status", measureId).then().statusCode(200).extract().jsonPath()
                .getString("lastReportedPeriod")).isEqualTo("2026-04");
    }

    private void sql(String statement, String parameter) throws SQLException {
        try (var connection = dataSource.getConnection(); var prepared = connection.prepareStatement(statement)) {
            prepared.setString(1, parameter);
            prepared.executeUpdate();
        }
    }

    /** last_reported_period, status and sequence of the measure's status row (the sequence: no event published). */
    private List<Object> statusRow(String measureId) throws SQLException {
        try (var connection = dataSource.getConnection(); var select = connection.prepareStatement(
                "select last_reported_period, status, sequence from measure_status where measure_id = ?")) {
            select.setString(1, measureId);
            try (var row = select.executeQuery()) {
                assertThat(row.next()).as("status row of " + measureId).isTrue();
                return List.of(row.getString(1), row.getString(2), row.getLong(3));
            }
        }
    }

    @Test
    void walksDraftSubmitReturnResubmitApproveAndPublishesEveryStepInOrder() {
        String measureId = envLedMeasure(0).id();
        JsonPath before = as(SUPERVISOR).get("/measures/{id}/status", measureId).then().statusCode(200).extract().jsonPath();

        var createdResponse = post(ENV_REPORTER, "/reports", monthly(measureId, "2026-05", "ON_TRACK", 40, false))
                .then().statusCode(201).header("ETag", "\"1\"").header("Location", startsWith("http"))
                .body("state", equalTo("DRAFT")).body("departmentRole", equalTo("LEAD")).extract();
        JsonPath draft = createdResponse.jsonPath();
        String id = draft.getString("id");

        JsonPath submitted = action(ENV_REPORTER, id, "submit", etag(draft), null);
        assertThat(submitted.getString("state")).isEqualTo("SUBMITTED");
        JsonPath returned = action(SUPERVISOR, id, "return", etag(submitted), "{\"reason\":\"请补充现场照片\"}");
        assertThat(returned.getString("state")).isEqualTo("RETURNED");
        assertThat(returned.getString("returnReason")).isEqualTo("请补充现场照片");

        JsonPath corrected = as(ENV_REPORTER).header("If-Match", etag(returned)).contentType("application/json")
                .body(monthly(measureId, "2026-05", "AT_RISK", 55, false)).put("/reports/{id}", id)
                .then().statusCode(200).header("ETag", "\"4\"").extract().jsonPath();
        JsonPath resubmitted = action(ENV_REPORTER, id, "submit", etag(corrected), null);
        JsonPath approved = action(SUPERVISOR, id, "approve", etag(resubmitted), null);
        assertThat(approved.getString("state")).isEqualTo("APPROVED");
        assertThat(approved.getString("reviewedBy")).isEqualTo("chen.jing");
        assertThat(approved.getLong("revision")).isEqualTo(6);

        JsonPath status = as(ENV_REPORTER).get("/measures/{id}/status", measureId).then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("status")).isEqualTo("AT_RISK");
        assertThat(status.getInt("percentComplete")).isEqualTo(55);
        assertThat(status.getString("basedOnReportId")).isEqualTo(id);
        assertThat(status.getString("lastReportedPeriod")).isEqualTo("2026-05");
        assertThat(status.getLong("sequence")).isEqualTo(before.getLong("sequence") + 1);

        JsonPath history = as(ENV_REPORTER).get("/reports/{id}/history", id).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("action", String.class))
                .containsExactly("CREATED", "SUBMITTED", "RETURNED", "UPDATED", "SUBMITTED", "APPROVED");
        assertThat(history.getList("actor", String.class))
                .containsExactly("zhang.wei", "zhang.wei", "chen.jing", "zhang.wei", "zhang.wei", "chen.jing");
        assertThat(history.getString("[3].before.status")).isEqualTo("ON_TRACK");
        assertThat(history.getString("[3].after.status")).isEqualTo("AT_RISK");
        assertThat(history.getString("[2].reason")).isEqualTo("请补充现场照片");
        assertThat(history.getString("[0].userAgent")).isEqualTo("EcoPlanApp/2.3 (Android 14)");
        assertThat(history.getString("[0].clientId")).isEqualTo("phone-test");

        List<ConsumerRecord<String, String>> events = EventReader.awaitRecords(ProgressEvents.TOPIC,
                record -> mentions(record, measureId, id), 5, EVENT_TIMEOUT);
        assertThat(events).extracting(record -> EventReader.header(record, "ce_type").orElseThrow()).containsExactly(
                "progress.report-submitted.v1", "progress.report-returned.v1", "progress.report-submitted.v1",
                "progress.report-approved.v1", "progress.measure-status-changed.v1");
        assertThat(events).extracting(record -> EventReader.header(record, "ce_id").orElseThrow()).doesNotHaveDuplicates();
        for (ConsumerRecord<String, String> event : events) {
            assertThat(EventReader.header(event, "ce_aggregatetype")).contains("measure");
            assertThat(EventReader.header(event, "ce_subject")).contains(measureId);
            assertThat(EventReader.header(event, "ce_source")).contains("/ecoplan/progress-service");
            assertThat(EventReader.header(event, "ce_specversion")).contains("1.0");
        }
        assertThat(events.subList(0, 4)).extracting(record -> JsonPath.from(record.value()).getLong("reportRevision"))
                .containsExactly(2L, 3L, 5L, 6L);
        JsonPath returnedEvent = JsonPath.from(events.get(1).value());
        assertThat(returnedEvent.getString("returnReason")).isEqualTo("请补充现场照片");
        assertThat(returnedEvent.getString("departmentRole")).isEqualTo("LEAD");
        assertThat(returnedEvent.getString("period")).isEqualTo("2026-05");
        assertThat(returnedEvent.getString("measuredValues[0].unit")).isEqualTo("家");

        JsonPath statusChanged = JsonPath.from(events.get(4).value());
        assertThat(statusChanged.getString("status")).isEqualTo("AT_RISK");
        assertThat(statusChanged.getString("previousStatus")).isEqualTo(
                before.getLong("sequence") == 0 ? null : before.getString("status"));
        assertThat(statusChanged.getLong("sequence")).isEqualTo(before.getLong("sequence") + 1);
        assertThat(statusChanged.getInt("percentComplete")).isEqualTo(55);
        assertThat(statusChanged.getBoolean("overdue")).isFalse();
        assertThat(statusChanged.getString("deadline")).isEqualTo("2026-12-31");
        assertThat(statusChanged.getString("lastReportedPeriod")).isEqualTo("2026-05");
        assertThat(statusChanged.getString("planId")).isEqualTo(envLedMeasure(0).planId());
        assertThat(statusChanged.getString("completedOnTime")).isNull();
        // 10 June: 44 % of the year has passed, 55 % is done; the department reports a risk.
        assertThat(statusChanged.getString("delivery.state")).isEqualTo("AT_RISK");
        assertThat(statusChanged.getString("delivery.stateName")).isEqualTo("存在风险");
        assertThat(statusChanged.getInt("delivery.expectedPercent")).isEqualTo(44);
        assertThat(statusChanged.getInt("delivery.paceGap")).isEqualTo(-11);
        assertThat(statusChanged.getString("delivery.assessedOn")).isEqualTo("2026-06-10");
        assertThat(Instant.parse(statusChanged.getString("lastApprovedAt"))).isEqualTo(Instant.parse(approved.getString("reviewedAt")));
        assertThat(status.getString("deliveryState")).isEqualTo("AT_RISK");
        assertThat(status.getString("statusName")).isEqualTo("存在风险");
        assertThat(status.getMap("delivery")).isEqualTo(statusChanged.getMap("delivery"));
    }

    @Test
    void anApprovedCompletedReportCompletesTheMeasureOnTime() {
        String measureId = envLedMeasure(1).id();
        JsonPath submitted = created(ENV_REPORTER, adHoc(measureId, "COMPLETED", 100, true));
        assertThat(submitted.getString("state")).isEqualTo("SUBMITTED");
        String id = submitted.getString("id");
        action(SUPERVISOR, id, "approve", etag(submitted), null);

        ConsumerRecord<String, String> event = EventReader.awaitRecord(ProgressEvents.TOPIC,
                record -> mentions(record, measureId, id) && type(record).equals("progress.measure-status-changed.v1"),
                EVENT_TIMEOUT);
        JsonPath changed = JsonPath.from(event.value());
        assertThat(changed.getString("status")).isEqualTo("COMPLETED");
        assertThat(changed.getInt("percentComplete")).isEqualTo(100);
        LocalDate submittedOn = LocalDate.ofInstant(java.time.Instant.parse(submitted.getString("submittedAt")),
                ZoneId.of("Asia/Shanghai"));
        assertThat(changed.getString("completedOn")).isEqualTo(submittedOn.toString());
        assertThat(changed.getBoolean("completedOnTime")).isTrue();
        assertThat(changed.getBoolean("overdue")).isFalse();
        assertThat(changed.getString("delivery.state")).isEqualTo("COMPLETED_ON_TIME");
    }

    @Test
    void anAssistingDepartmentsApprovedReportIsAContributionAndLeavesTheOfficialStatus() {
        MeasureState measure = seedMeasure(m -> hasRole(m, "LEAD", "ENV") && hasRole(m, "ASSISTING", "TRANSPORT")
                && hasRole(m, "ASSISTING", "WATER") && "DATE".equals(m.deadline().kind()));
        JsonPath before = as(SUPERVISOR).get("/measures/{id}/status", measure.id()).then().extract().jsonPath();

        JsonPath submitted = created(TRANSPORT_REPORTER, adHoc(measure.id(), "COMPLETED", 100, true));
        assertThat(submitted.getString("departmentRole")).isEqualTo("ASSISTING");
        String id = submitted.getString("id");
        action(SUPERVISOR, id, "approve", etag(submitted), null);

        JsonPath approvedEvent = JsonPath.from(EventReader.awaitRecord(ProgressEvents.TOPIC,
                record -> mentions(record, measure.id(), id) && type(record).equals("progress.report-approved.v1"),
                EVENT_TIMEOUT).value());
        assertThat(approvedEvent.getString("departmentRole")).isEqualTo("ASSISTING");
        assertThat(approvedEvent.getString("state")).isEqualTo("APPROVED");

        JsonPath status = as(SUPERVISOR).get("/measures/{id}/status", measure.id()).then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("status")).isEqualTo(before.getString("status"));
        assertThat(status.getInt("percentComplete")).isEqualTo(before.getInt("percentComplete"));
        assertThat(status.getString("basedOnReportId")).isEqualTo(before.getString("basedOnReportId"));
        // The approval re-assessed the delivery state on today's date (that may move it), never from this report.
        assertThat(status.getList("contributions.id", String.class)).contains(id);
        assertThat(EventReader.readCurrent(ProgressEvents.TOPIC)).noneMatch(record -> mentions(record, measure.id(), id)
                && type(record).equals("progress.measure-status-changed.v1"));
    }
}
