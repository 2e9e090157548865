package org.ecoplan.notification.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Inboxes per department and user: listing, filters, unread counts, read marks, access, daily digest. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@WithTestResource(GreenMailResource.class)
class InboxTest {

    @Inject
    DataSource dataSource;

    @Inject
    DigestWriter digests;

    @Inject
    BusinessClock clock;

    @Test
    void listsFiltersCountsAndMarksReadTheMessagesOfADepartmentAndAUser() {
        String department = "INBOX-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "reporter-" + department + "@ecoplan.test";
        String token = "Bearer " + Tokens.token(Set.of("reporter"), department, user);
        String reportId = returnedReport(department, user);
        // The same return again, as a late copy under a new event id: the alert exists, nothing new arrives.
        try (var player = new ProgressPlayer(dataSource)) {
            player.report(ProgressEvents.REPORT_RETURNED, ProgressPlayer.report(reportId, 2, "m-" + reportId,
                    "plan-1", "2026-05", WorkflowState.RETURNED, 20, department, user, Instant.now()));
        }

        given().header("Authorization", token).get("/inbox/messages").then()
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.box", hasItems("DEPARTMENT", "USER"))
                .body("items[0].rule", equalTo("REPORT_RETURNED"))
                .body("items[0].subjectId", equalTo(reportId))
                .body("items[0].read", equalTo(false));
        given().header("Authorization", token).queryParam("box", "DEPARTMENT").queryParam("rule", "REPORT_RETURNED")
                .get("/inbox/messages").then().statusCode(200).body("totalItems", equalTo(1));
        given().header("Authorization", token).queryParam("severity", "RED").get("/inbox/messages").then()
                .statusCode(200).body("totalItems", equalTo(0));
        given().header("Authorization", token).queryParam("box", "NOPE").get("/inbox/messages").then()
                .statusCode(400).contentType("application/problem+json");
        assertThat(unread(token)).containsEntry("DEPARTMENT:" + department, 1).containsEntry("USER:" + user, 1)
                .containsEntry("DEPARTMENT_HEAD:" + department, 0);

        String messageId = given().header("Authorization", token).queryParam("box", "DEPARTMENT").get("/inbox/messages")
                .then().extract().path("items[0].id");
        // Another department's staff neither reads nor marks it.
        String stranger = Tokens.bearer("reporter", "ENV");
        given().header("Authorization", stranger).queryParam("department", department).get("/inbox/messages").then().statusCode(403);
        given().header("Authorization", stranger).post("/inbox/messages/{id}/read", messageId).then().statusCode(404);

        given().header("Authorization", token).post("/inbox/messages/{id}/read", messageId).then()
                .statusCode(200).body("read", equalTo(true)).body("readBy", equalTo(user));
        assertThat(unread(token)).containsEntry("DEPARTMENT:" + department, 0).containsEntry("USER:" + user, 1);
        given().header("Authorization", token).post("/inbox/messages/read").then().statusCode(200).body("marked", equalTo(1));
        assertThat(unread(token)).containsEntry("USER:" + user, 0);
        given().header("Authorization", token).queryParam("unread", true).get("/inbox/messages").then()
                .body("totalItems", equalTo(0));
        // Supervisors read any department's inbox.
        given().header("Authorization", Tokens.bearer("supervisor", null)).queryParam("department", department)
                .get("/inbox/messages").then().statusCode(200).body("totalItems", equalTo(1));
    }

    @Test
    void aDepartmentThatTakesADailyDigestGetsOneMessageListingTheDaysAlerts() {
        String department = "DIGEST-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "Bearer " + Tokens.token(Set.of("reporter"), department, "digest-" + department + "@ecoplan.test");
        given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("box", "DEPARTMENT", "delivery", "DAILY_DIGEST"))
                .put("/inbox/preferences").then().statusCode(200).body("delivery", equalTo("DAILY_DIGEST"));

        LocalDate day = LocalDate.of(2026, 6, 10);
        clock.setTo(day, 10);
        returnedReport(department, null);
        returnedReport(department, null);
        given().header("Authorization", token).queryParam("box", "DEPARTMENT").get("/inbox/messages").then()
                .body("totalItems", equalTo(0));

        int written = QuarkusTransaction.requiringNew().call(() -> digests.writeDue(day.plusDays(1)));
        assertThat(written).isPositive();
        given().header("Authorization", token).queryParam("box", "DEPARTMENT").get("/inbox/messages").then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].kind", equalTo("DIGEST"))
                .body("items[0].title", equalTo("每日督办摘要 2026-06-11：2 条提醒 / daily digest"));
        // Written once.
        QuarkusTransaction.requiringNew().call(() -> digests.writeDue(day.plusDays(1)));
        given().header("Authorization", token).queryParam("box", "DEPARTMENT").get("/inbox/messages").then()
                .body("totalItems", equalTo(1));
    }

    private String returnedReport(String department, String reporter) {
        String reportId = UUID.randomUUID().toString();
        try (var player = new ProgressPlayer(dataSource)) {
            player.report(ProgressEvents.REPORT_RETURNED, ProgressPlayer.report(reportId, 2, "m-" + reportId,
                    "plan-1", "2026-05", WorkflowState.RETURNED, 20, department, reporter, Instant.now()));
        }
        return reportId;
    }

    private static Map<String, Integer> unread(String token) {
        List<Map<String, Object>> counts = given().header("Authorization", token).get("/inbox/unread-counts").then()
                .statusCode(200).extract().jsonPath().getList("");
        return counts.stream().collect(java.util.stream.Collectors.toMap(c -> c.get("box") + ":" + c.get("owner"),
                c -> ((Number) c.get("unread")).intValue()));
    }
}
