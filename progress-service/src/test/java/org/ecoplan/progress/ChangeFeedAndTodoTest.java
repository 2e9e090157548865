package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.SeedCatalogue;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Delta reads, filtered pages and the department's to-do list (envLedMeasure 13; BAIQUAN's group measures). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ChangeFeedAndTodoTest extends ProgressTestSupport {

    @Inject
    BusinessClock clock;

    @AfterEach
    void systemTimeAgain() {
        clock.useSystemTime();
    }

    @Test
    void theChangeFeedReturnsWhatChangedAfterTheCursorOnceInOrder() {
        String measureId = envLedMeasure(13).id();
        JsonPath first = created(ENV_REPORTER, adHoc(measureId, "ON_TRACK", 10, false));
        long cursor = first.getLong("changeSeq");
        JsonPath second = created(ENV_REPORTER, adHoc(measureId, "AT_RISK", 20, false));
        action(ENV_REPORTER, first.getString("id"), "submit", etag(first), null);
        created(WATER_REPORTER, adHoc(SeedCatalogue.measure(m -> hasRole(m, "LEAD", "WATER")).id(), "ON_TRACK", 5, false));

        JsonPath changes = as(ENV_REPORTER).queryParam("since", cursor).get("/reports/changes").then().statusCode(200)
                .extract().jsonPath();
        assertThat(changes.getList("items.id", String.class))
                .containsExactly(second.getString("id"), first.getString("id"));
        assertThat(changes.getString("items[1].state")).isEqualTo("SUBMITTED");
        assertThat(changes.getBoolean("hasMore")).isFalse();
        long next = changes.getLong("nextCursor");
        assertThat(next).isGreaterThan(cursor);

        assertThat(as(ENV_REPORTER).queryParam("since", next).get("/reports/changes").then().extract().jsonPath()
                .getList("items", Object.class)).isEmpty();
        JsonPath all = as(SUPERVISOR).queryParam("since", cursor).queryParam("size", 1).get("/reports/changes").then()
                .extract().jsonPath();
        assertThat(all.getBoolean("hasMore")).isTrue();
        assertThat(all.getLong("nextCursor")).isEqualTo(second.getLong("changeSeq"));

        JsonPath submitted = as(SUPERVISOR).queryParam("measure", measureId).queryParam("state", "SUBMITTED")
                .queryParam("status", "ON_TRACK").get("/reports").then().statusCode(200).extract().jsonPath();
        assertThat(submitted.getList("items.id", String.class)).containsExactly(first.getString("id"));
        assertThat(submitted.getLong("totalItems")).isEqualTo(1);
    }

    @Test
    void theOldChangeFeedAddressRedirectsToTheChangeFeedWithTheSameQuery() {
        // Installed apps still send GET /reports?since=; a 308 keeps them syncing while the document has one shape per operation.
        String location = as(ENV_REPORTER).redirects().follow(false).queryParam("since", 7).queryParam("size", 20)
                .get("/reports").then().statusCode(308).extract().header("Location");
        assertThat(location).endsWith("/reports/changes?since=7&size=20");
        JsonPath followed = as(ENV_REPORTER).queryParam("since", 0).queryParam("size", 1).get("/reports/changes").then()
                .statusCode(200).extract().jsonPath();
        assertThat(followed.getMap("$")).containsKeys("items", "nextCursor", "hasMore");
    }

    @Test
    void theChangeFeedNeedsACursor() {
        as(ENV_REPORTER).get("/reports/changes").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.is("since"));
    }

    @Test
    void theTodoListShowsTheDepartmentsMeasuresThroughItsGroupsAndWhatIsMissing() {
        clock.setTo(LocalDate.of(2026, 6, 15), 9);
        String baiquan = bearer("reporter", "BAIQUAN", "liu.yang");
        List<MeasureState> baiquanMeasures = SeedCatalogue.measures().stream()
                .filter(m -> m.assignments().stream().anyMatch(a -> "BAIQUAN".equals(a.departmentCode())
                        || a.memberCodes() != null && a.memberCodes().contains("BAIQUAN")))
                .toList();
        MeasureState measure = baiquanMeasures.stream().filter(m -> "DATE".equals(m.deadline().kind())).findFirst().orElseThrow();

        JsonPath todo = as(baiquan).get("/departments/BAIQUAN/todo").then().statusCode(200).extract().jsonPath();
        assertThat(todo.getString("period")).isEqualTo("2026-06");
        assertThat(todo.getString("reportDueOn")).isEqualTo("2026-06-30");
        assertThat(todo.getList("measures.measureId", String.class))
                .containsExactlyInAnyOrderElementsOf(baiquanMeasures.stream().map(MeasureState::id).toList());
        assertThat(item(todo, measure.id()).getBoolean("periodReportMissing")).isTrue();
        assertThat(item(todo, measure.id()).getString("nextDeadline")).isEqualTo(measure.deadline().end().toString());
        assertThat(todo.getString("departmentName")).isEqualTo("百泉街道");
        assertThat(item(todo, measure.id()).getString("taskReference")).matches("附件[1-3] 第" + measure.taskNumber() + "项");
        assertThat(item(todo, measure.id()).getString("taskTitle")).isNotBlank();
        assertThat(item(todo, measure.id()).getString("deliveryStateName")).isNotBlank();

        created(baiquan, monthly(measure.id(), "2026-06", "ON_TRACK", 30, true));

        JsonPath after = as(baiquan).get("/departments/BAIQUAN/todo").then().statusCode(200).extract().jsonPath();
        assertThat(item(after, measure.id()).getBoolean("periodReportMissing")).isFalse();
        assertThat(item(after, measure.id()).getString("periodReport.state")).isEqualTo("SUBMITTED");
        assertThat(after.getInt("missingReports")).isEqualTo(todo.getInt("missingReports") - 1);
        as(WATER_REPORTER).get("/departments/BAIQUAN/todo").then().statusCode(403).contentType("application/problem+json");
        as(SUPERVISOR).get("/departments/BAIQUAN/todo").then().statusCode(200);
    }

    private static JsonPath item(JsonPath todo, String measureId) {
        int index = todo.getList("measures.measureId", String.class).indexOf(measureId);
        return JsonPath.from(todo.prettify()).setRootPath("measures[" + index + "]");
    }
}
