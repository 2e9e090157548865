package org.ecoplan.indicator.rollup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportEvent;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Roll-ups from progress events played on the broker as progress-service would send them. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class RollupReplayTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    @Inject
    BusinessClock clock;

    @Test
    void countsProgressEventsIgnoresRedeliveriesAndRebuildsTheSameFiguresFromAReplay() {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(TODAY, 10);
        String admin = Tokens.bearer(Roles.ADMIN, null);
        given().header("Authorization", admin).post("/status/reevaluate").then().statusCode(200);

        List<MeasureState> yearEnd = SeedCatalogue.measures().stream()
                .filter(measure -> measure.deadline() != null && "DATE".equals(measure.deadline().kind())
                        && LocalDate.of(2026, 12, 31).equals(measure.deadline().end()) && measure.taskNumber() == 1)
                .toList();
        MeasureState completed = yearEnd.get(0);
        MeasureState atRisk = SeedCatalogue.measures().stream()
                .filter(measure -> measure.planId().equals(completed.planId()) && !measure.id().equals(completed.id())
                        && measure.deadline() != null && "ONGOING".equals(measure.deadline().kind()))
                .findFirst().orElseThrow();
        String plan = completed.planId();
        Map<String, Object> before = figures("PLAN", plan);

        try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
            UUID completion = UUID.randomUUID();
            MeasureStatusChanged done = status(completed, 1, ReportStatus.COMPLETED, true);
            send(progress, completion, completed.id(), ProgressEvents.MEASURE_STATUS_CHANGED, done);
            send(progress, UUID.randomUUID(), atRisk.id(), ProgressEvents.MEASURE_STATUS_CHANGED,
                    status(atRisk, 2, ReportStatus.AT_RISK, null));
            send(progress, UUID.randomUUID(), atRisk.id(), ProgressEvents.REPORT_SUBMITTED, report(atRisk, "r-" + atRisk.id(), 1));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Object> now = figures("PLAN", plan);
                assertEquals((int) before.get("completed") + 1, now.get("completed"));
                assertEquals((int) before.get("atRisk") + 1, now.get("atRisk"));
                assertEquals((int) before.get("notReportedThisPeriod") - 2, now.get("notReportedThisPeriod"));
            });
            long sequence = sequence("PLAN", plan);

            // Redelivery of the same event, then an older state of the at-risk measure, then a newer one (marker,
            // same key: it arrives after the older one).
            send(progress, completion, completed.id(), ProgressEvents.MEASURE_STATUS_CHANGED, done);
            send(progress, UUID.randomUUID(), atRisk.id(), ProgressEvents.MEASURE_STATUS_CHANGED,
                    status(atRisk, 1, ReportStatus.ON_TRACK, null));
            send(progress, UUID.randomUUID(), atRisk.id(), ProgressEvents.MEASURE_STATUS_CHANGED,
                    status(atRisk, 3, ReportStatus.DELAYED, null));
            send(progress, UUID.randomUUID(), atRisk.id(), ProgressEvents.REPORT_APPROVED, report(atRisk, "r-" + atRisk.id(), 2));
            send(progress, UUID.randomUUID(), atRisk.id(), ProgressEvents.MEASURE_STATUS_CHANGED,
                    status(atRisk, 4, ReportStatus.COMPLETED, true));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertEquals((int) before.get("completed") + 2, figures("PLAN", plan).get("completed")));
            // Only the last event changed the figures: the redelivered and the older one changed nothing.
            assertEquals(sequence + 1, sequence("PLAN", plan));
        }

        // Published per scope, keyed by scope id.
        EventReader.awaitRecord(IndicatorEvents.TOPIC, record -> plan.equals(record.key())
                && EventReader.header(record, "ce_type").orElse("").equals(IndicatorEvents.ROLLUP_CHANGED.eventType()),
                Duration.ofSeconds(30));

        Map<String, Map<String, Object>> all = allFigures();
        JsonPath replay = given().header("Authorization", admin).post("/rollups/rebuild").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(replay.getInt("eventsApplied") >= 5, "applied " + replay.getInt("eventsApplied"));
        assertEquals(0, replay.getInt("scopesChanged"));
        assertEquals(all, allFigures());
        assertTrue(all.keySet().containsAll(List.of("PLAN/" + plan, "TASK/" + completed.taskId(), "DEPARTMENT/ENV",
                "SECTION/" + completed.sectionId())));
    }

    private static Map<String, Object> figures(String type, String id) {
        Map<String, Object> rollup = given().get("/rollups/" + type + "/" + id).then().statusCode(200).extract().jsonPath().getMap("");
        rollup.remove("sequence");
        rollup.remove("changedAt");
        return rollup;
    }

    private static long sequence(String type, String id) {
        return given().get("/rollups/" + type + "/" + id).then().statusCode(200).extract().jsonPath().getLong("sequence");
    }

    private static Map<String, Map<String, Object>> allFigures() {
        // Every page: other test classes' districts (copies of the seed plan) add scopes beyond the first 500.
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            io.restassured.path.json.JsonPath found = given().queryParam("size", 500).queryParam("page", page).get("/rollups")
                    .then().statusCode(200).extract().jsonPath();
            items.addAll(found.<Map<String, Object>>getList("items"));
            if (page + 1 >= found.getInt("totalPages")) {
                break;
            }
        }
        return items.stream().collect(Collectors.toMap(item -> item.get("scopeType") + "/" + item.get("scopeId"), item -> {
            item.remove("sequence");
            item.remove("changedAt");
            return item;
        }));
    }

    private static void send(EventWriter writer, UUID id, String measureId, ProgressEvents kind, Object payload) {
        writer.send(id, ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measureId, kind.eventType(), payload);
    }

    /** As progress-service publishes it: the delivery state follows the reported status here. */
    private static MeasureStatusChanged status(MeasureState measure, long sequence, ReportStatus status, Boolean onTime) {
        LocalDate deadline = measure.deadline().end();
        DeliveryState state = switch (status) {
            case COMPLETED -> DeliveryState.COMPLETED_ON_TIME;
            case AT_RISK, DELAYED -> DeliveryState.AT_RISK;
            default -> DeliveryState.ON_TRACK;
        };
        return new MeasureStatusChanged(measure.id(), sequence, measure.planId(), measure.taskId(), status, null, false,
                status == ReportStatus.COMPLETED ? 100 : 40, deadline,
                status == ReportStatus.COMPLETED ? TODAY : null, onTime, "report-" + sequence, "2026-06", Instant.now(),
                new DeliveryAssessment(state, state.chineseName(), TODAY, null, deadline, null, null, null, null),
                Instant.now());
    }

    private static ReportEvent report(MeasureState measure, String reportId, long revision) {
        return new ReportEvent(reportId, revision, measure.id(), measure.planId(), measure.taskId(), "2026-06", "MONTHLY",
                revision == 1 ? WorkflowState.SUBMITTED : WorkflowState.APPROVED, ReportStatus.AT_RISK, 40, "进展顺利",
                List.of(), "ENV", "LEAD", "reporter@ecoplan.test", Instant.now(), null, null, null, 0);
    }
}
