package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.contract.OpenApiValidationFilter;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Retries from a phone on a bad network: Idempotency-Key and the offline batch (measures envLedMeasure 5-8 and 15). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class IdempotencyTest extends ProgressTestSupport {

    @Test
    void aRetryWithTheSameKeyAndBodyAnswersTheOriginalAndCreatesNothing() {
        String measureId = envLedMeasure(5).id();
        String body = monthly(measureId, "2026-04", "ON_TRACK", 35, true);

        Response first = keyed("phone-a-0001", body);
        Response retry = keyed("phone-a-0001", body);

        first.then().statusCode(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("ETag", first.header("ETag")).header("Location", first.header("Location"));
        assertThat(retry.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(retry.jsonPath().getLong("changeSeq")).isEqualTo(first.jsonPath().getLong("changeSeq"));
        assertThat(reportCount(SUPERVISOR, measureId)).isEqualTo(1);
    }

    @Test
    void twoSimultaneousSendsWithTheSameKeyCreateOneReport() {
        String measureId = envLedMeasure(15).id();
        String body = adHoc(measureId, "ON_TRACK", 45, true);

        List<Response> answers = List.of(1, 2).parallelStream().map(attempt -> keyed("phone-d-0001", body)).toList();

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(answer -> answer.jsonPath().getString("id")).containsOnly(
                answers.get(0).jsonPath().getString("id"));
        assertThat(reportCount(SUPERVISOR, measureId)).isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyWithADifferentBody() {
        String measureId = envLedMeasure(6).id();
        keyed("phone-b-0001", adHoc(measureId, "ON_TRACK", 10, false)).then().statusCode(201);

        keyed("phone-b-0001", adHoc(measureId, "ON_TRACK", 15, false)).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));

        assertThat(reportCount(SUPERVISOR, measureId)).isEqualTo(1);
    }

    @Test
    void aRetriedWorkflowActionIsAnsweredAsTheFirstTime() {
        String measureId = envLedMeasure(8).id();
        JsonPath draft = created(ENV_REPORTER, adHoc(measureId, "AT_RISK", 40, false));
        String id = draft.getString("id");

        for (int attempt = 0; attempt < 2; attempt++) {
            as(ENV_REPORTER).header("If-Match", etag(draft)).header("Idempotency-Key", "phone-b-submit-1")
                    .post("/reports/{id}/submit", id).then().statusCode(200).body("revision", equalTo(2));
        }
        assertThat(as(ENV_REPORTER).get("/reports/{id}/history", id).then().extract().jsonPath()
                .getList("action", String.class)).containsExactly("CREATED", "SUBMITTED");
    }

    @Test
    void syncsAnOfflineQueueInOneCallAndASecondSendCreatesNothing() {
        String measureId = envLedMeasure(7).id();
        String batch = """
                {"items":[
                  {"clientReference":"phone-c-0001","report":%s},
                  {"clientReference":"phone-c-0002","report":%s},
                  {"clientReference":"phone-c-0003","report":%s}]}"""
                .formatted(monthly(measureId, "2026-03", "ON_TRACK", 20, true), adHoc(measureId, "AT_RISK", 25, false),
                        adHoc(measureId, "ON_TRACK", 150, false));

        // The third item breaks the document on purpose: the batch answers it with its own problem, not the whole call.
        JsonPath first = OpenApiValidationFilter.allowingInvalidRequests(() -> post(ENV_REPORTER, "/reports/batch", batch))
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.status", Integer.class)).containsExactly(201, 201, 400);
        assertThat(first.getString("items[0].report.state")).isEqualTo("SUBMITTED");
        assertThat(first.getString("items[2].problem.errors[0].field")).isEqualTo("items[2].report.percentComplete");
        List<String> ids = first.getList("items.report.id", String.class);

        JsonPath again = OpenApiValidationFilter.allowingInvalidRequests(() -> post(ENV_REPORTER, "/reports/batch", batch))
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("items.status", Integer.class)).containsExactly(200, 200, 400);
        assertThat(again.getList("items.replayed", Boolean.class)).containsExactly(true, true, null);
        assertThat(again.getList("items.report.id", String.class)).isEqualTo(ids);
        assertThat(reportCount(SUPERVISOR, measureId)).isEqualTo(2);
    }

    @Test
    void aProblemTheWorkflowFindsNamesTheFieldInsideTheBatch() {
        String measureId = envLedMeasure(7).id();
        // 2999-12 has not begun whatever today's date: the workflow, not the document's constraints, refuses it.
        String batch = """
                {"items":[{"clientReference":"phone-d-0001","report":%s}]}"""
                .formatted(monthly(measureId, "2999-12", "ON_TRACK", 20, true));
        long before = reportCount(SUPERVISOR, measureId);

        JsonPath answer = post(ENV_REPORTER, "/reports/batch", batch).then().statusCode(200).extract().jsonPath();

        assertThat(answer.getInt("items[0].status")).isEqualTo(422);
        assertThat(answer.getString("items[0].problem.errors[0].field")).isEqualTo("items[0].report.period");
        assertThat(answer.getString("items[0].problem.instance")).isEqualTo("/reports/batch#items[0]");
        assertThat(reportCount(SUPERVISOR, measureId)).isEqualTo(before);
    }

    private static Response keyed(String key, String body) {
        return as(ENV_REPORTER).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/reports");
    }
}
