package org.ecoplan.notification.supervision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.notification.GreenMailResource;
import org.ecoplan.notification.ProgressPlayer;
import org.ecoplan.progress.contract.ProgressEvents;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Two replicas' supervision ticks at the same moment (both schedulers fire at five past the hour): every alert is
 * raised once and every daily digest is written once.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class SupervisionReplicasTest {

    @Inject
    SupervisionScheduler scheduler;

    @Inject
    BusinessClock clock;

    @Inject
    DataSource dataSource;

    @Test
    void ticksOfTwoReplicasWriteEachDigestAndRaiseEachAlertOnce() throws Exception {
        String department = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "Bearer " + Tokens.token(Set.of("reporter"), department, "race-" + department + "@ecoplan.test");
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("box", "DEPARTMENT", "delivery", "DAILY_DIGEST"))
                .put("/inbox/preferences").then().statusCode(200);
        LocalDate day = LocalDate.of(2026, 8, 10);
        clock.setTo(day, 10);
        try (var player = new ProgressPlayer(dataSource)) {
            for (int i = 0; i < 3; i++) {
                String reportId = UUID.randomUUID().toString();
                player.report(ProgressEvents.REPORT_RETURNED, ProgressPlayer.report(reportId, 2, "m-" + reportId, "plan-1",
                        "2026-08", WorkflowState.RETURNED, 20, department, null, Instant.now()));
            }
        }
        long alertsBefore = alerts();

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SupervisionScheduler.TickResult>> ticks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ticks.add(replicas.submit(() -> {
                go.await();
                return scheduler.tick(day.plusDays(1));
            }));
        }
        go.countDown();
        List<SupervisionScheduler.TickResult> results = new ArrayList<>();
        for (Future<SupervisionScheduler.TickResult> tick : ticks) {
            results.add(tick.get(120, TimeUnit.SECONDS));
        }
        replicas.shutdown();

        given().header("Authorization", token).queryParam("box", "DEPARTMENT").get("/inbox/messages").then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].kind", equalTo("DIGEST"))
                .body("items[0].title", equalTo("每日督办摘要 2026-08-11：3 条提醒 / daily digest"));
        assertThat(results.stream().mapToInt(SupervisionScheduler.TickResult::digests).sum())
                .as("digests written by both ticks together").isGreaterThanOrEqualTo(1);
        assertThat(alertsBefore + results.stream().mapToInt(SupervisionScheduler.TickResult::raised).sum())
                .as("alerts raised by both ticks, each once").isEqualTo(alerts());
        assertThat(duplicateAlertKeys()).isZero();
    }

    private long alerts() {
        return single("select count(*) from alert");
    }

    private long duplicateAlertKeys() {
        return single("select count(*) from (select 1 from alert group by rule, subject_id, period having count(*) > 1) d");
    }

    private long single(String sql) {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(sql);
             var result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
