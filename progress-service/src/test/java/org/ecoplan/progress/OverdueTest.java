package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.status.OverdueJob;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The daily overdue check. The clock stands at 2026-10-01, when only the two seed measures due 2026-06-30 and
 * 2026-09-30 have passed their deadline (no other test uses them), so the sweep touches no other test's measure.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class OverdueTest extends ProgressTestSupport {

    @Inject
    OverdueJob overdueJob;

    @Inject
    BusinessClock clock;

    @AfterEach
    void systemTimeAgain() {
        clock.useSystemTime();
    }

    @Test
    void marksAMeasurePastItsDeadlineOverdueOnceAndALateCompletionIsNotOnTime() {
        MeasureState measure = seedMeasure(m -> m.deadline().end() != null && m.deadline().end().toString().equals("2026-06-30"));
        clock.setTo(LocalDate.of(2026, 10, 1), 1);

        overdueJob.run();
        List<String> second = overdueJob.run();

        assertThat(second).doesNotContain(measure.id());
        ConsumerRecord<String, String> overdue = EventReader.awaitRecord(ProgressEvents.TOPIC,
                record -> measure.id().equals(record.key()) && type(record).equals("progress.measure-status-changed.v1"),
                Duration.ofSeconds(30));
        JsonPath event = JsonPath.from(overdue.value());
        assertThat(event.getBoolean("overdue")).isTrue();
        assertThat(event.getString("status")).isEqualTo("NOT_STARTED");
        assertThat(event.getString("basedOnReportId")).isNull();
        assertThat(event.getString("deadline")).isEqualTo("2026-06-30");
        assertThat(as(SUPERVISOR).get("/measures/{id}/status", measure.id()).then().extract().jsonPath()
                .getBoolean("overdue")).isTrue();

        String water = bearer("reporter", "WATER", "wang.fang");
        JsonPath completed = created(water, adHoc(measure.id(), "COMPLETED", 100, true));
        action(SUPERVISOR, completed.getString("id"), "approve", etag(completed), null);

        List<ConsumerRecord<String, String>> changes = EventReader.awaitRecords(ProgressEvents.TOPIC,
                record -> measure.id().equals(record.key()) && type(record).equals("progress.measure-status-changed.v1"),
                2, Duration.ofSeconds(30));
        assertThat(changes).hasSize(2);
        JsonPath done = JsonPath.from(changes.get(1).value());
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getBoolean("overdue")).isFalse();
        assertThat(done.getBoolean("completedOnTime")).isFalse();
        assertThat(done.getString("completedOn")).isEqualTo("2026-10-01");
        assertThat(done.getLong("sequence")).isEqualTo(event.getLong("sequence") + 1);
        assertThat(done.getString("previousStatus")).isEqualTo("NOT_STARTED");

        assertThat(overdueJob.run()).doesNotContain(measure.id());
    }

    @Test
    void neverMarksOngoingMeasuresOrMeasuresBeforeTheirDeadline() {
        clock.setTo(LocalDate.of(2026, 10, 1), 1);
        List<String> marked = overdueJob.run();
        MeasureState ongoing = seedMeasure(m -> "ONGOING".equals(m.deadline().kind()));
        assertThat(marked).doesNotContain(ongoing.id(), envLedMeasure(0).id());
    }
}
