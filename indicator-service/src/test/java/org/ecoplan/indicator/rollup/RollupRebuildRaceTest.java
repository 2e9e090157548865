package org.ecoplan.indicator.rollup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.indicator.AppFixture;
import org.ecoplan.progress.contract.MeasureStatusChanged;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.junit.jupiter.api.Test;

import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Rebuilds while progress events stream in: every rebuild answers 200 (or 409 while another runs), never 500; the
 * live consumer applies every event and stays up; and the roll-ups end equal to a clean recomputation.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class RollupRebuildRaceTest {

    private static final String ADMIN = Tokens.bearer(Roles.ADMIN, null);
    private static final int MEASURES = 10;
    private static final int ROUNDS = 4;
    private static final ReportStatus[] STATUSES = {ReportStatus.ON_TRACK, ReportStatus.AT_RISK, ReportStatus.DELAYED};

    @Inject
    BusinessClock clock;

    @Inject
    DataSource dataSource;

    @Test
    void rebuildsWhileEventsArriveWithoutErrorsOrLostEvents() throws Exception {
        AppFixture.seedCatalogueReplicated();
        clock.setTo(LocalDate.of(2026, 6, 15), 10);
        // Measures no other test of this module sends events for: the first ones of the third plan.
        String thirdPlan = SeedCatalogue.measures().stream().map(MeasureState::planId).distinct().toList().get(2);
        List<MeasureState> measures = SeedCatalogue.measures().stream().filter(m -> m.planId().equals(thirdPlan))
                .limit(MEASURES).toList();

        List<UUID> sent = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            try (EventWriter progress = new EventWriter("/ecoplan/progress-service")) {
                for (int round = 1; round <= ROUNDS; round++) {
                    for (MeasureState measure : measures) {
                        sent.add(progress.send(ProgressEvents.TOPIC, ProgressEvents.AGGREGATE_TYPE, measure.id(),
                                ProgressEvents.MEASURE_STATUS_CHANGED.eventType(), status(measure, 1000 + round, STATUSES[round % 3])));
                        pause(40);
                    }
                }
            }
        });
        List<Integer> answers = new ArrayList<>();
        while (!stream.isDone()) {
            // Two at once now and then: one of them may have to wait its turn (409).
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(RollupRebuildRaceTest::rebuild);
            answers.add(rebuild());
            answers.add(other.get(5, TimeUnit.MINUTES));
        }
        stream.get(1, TimeUnit.MINUTES);
        Log.infof("Rebuilds during %d events answered %s", sent.size(), answers);
        assertTrue(answers.stream().allMatch(code -> code == 200 || code == 409), "answers " + answers);
        assertTrue(answers.contains(200), "answers " + answers);

        await().atMost(Duration.ofSeconds(60)).until(() -> processed(sent) == sent.size());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'event-consumers' }.data.'progress-rollups'", equalTo("running"));
        List<Map<String, Object>> letters = given().header("Authorization", ADMIN)
                .queryParam("consumer", "progress-rollups").queryParam("size", 500).get("/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertTrue(letters.stream().noneMatch(letter -> sent.stream().anyMatch(id -> id.toString().equals(letter.get("eventId")))),
                "none of the events was dead-lettered");

        // The live result equals a clean recomputation from the topic.
        Map<String, Map<String, Object>> live = allFigures();
        given().header("Authorization", ADMIN).post("/rollups/rebuild").then().statusCode(200)
                .body("scopesChanged", equalTo(0));
        assertEquals(live, allFigures());
    }

    private static int rebuild() {
        return given().header("Authorization", ADMIN).post("/rollups/rebuild").then().extract().statusCode();
    }

    private long processed(List<UUID> ids) throws SQLException {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "select count(*) from processed_event where consumer = 'progress-rollups' and event_id = any (?)")) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Map<String, Map<String, Object>> allFigures() {
        List<Map<String, Object>> items = given().queryParam("size", 500).get("/rollups").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return items.stream().collect(Collectors.toMap(item -> item.get("scopeType") + "/" + item.get("scopeId"), item -> {
            item.remove("sequence");
            item.remove("changedAt");
            return item;
        }));
    }

    private static MeasureStatusChanged status(MeasureState measure, long sequence, ReportStatus status) {
        return new MeasureStatusChanged(measure.id(), sequence, measure.planId(), measure.taskId(), status, null, false, 40,
                measure.deadline() == null ? null : measure.deadline().end(), null, null, "report-" + sequence, "2026-06",
                Instant.now(), null, null);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
