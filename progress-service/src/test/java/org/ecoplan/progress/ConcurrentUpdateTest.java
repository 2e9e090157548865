package org.ecoplan.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** ETag/If-Match: a stale write gets 412, never a lost update (measure envLedMeasure 9). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ConcurrentUpdateTest extends ProgressTestSupport {

    @Test
    void ofTwoConcurrentUpdatesFromTheSameETagOneLosesWith412AndNothingIsLost() throws Exception {
        String measureId = envLedMeasure(9).id();
        JsonPath draft = created(ENV_REPORTER, adHoc(measureId, "ON_TRACK", 10, false));
        String id = draft.getString("id");
        String etag = etag(draft);

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> writes = List.of(ENV_REPORTER, ENV_COLLEAGUE).stream()
                .map(token -> CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return as(token).header("If-Match", etag).contentType(ContentType.JSON)
                            .body(adHoc(measureId, "AT_RISK", token.equals(ENV_REPORTER) ? 30 : 60, false))
                            .put("/reports/{id}", id);
                })).toList();
        start.countDown();
        List<Response> answers = writes.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 412);
        Response loser = answers.stream().filter(r -> r.statusCode() == 412).findFirst().orElseThrow();
        assertThat(loser.contentType()).startsWith("application/problem+json");
        Response winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        int winningPercent = winner.jsonPath().getInt("percentComplete");
        JsonPath current = as(ENV_REPORTER).get("/reports/{id}", id).then().header("ETag", "\"2\"").extract().jsonPath();
        assertThat(current.getInt("percentComplete")).isEqualTo(winningPercent);
        assertThat(as(ENV_REPORTER).get("/reports/{id}/history", id).then().extract().jsonPath()
                .getList("action", String.class)).containsExactly("CREATED", "UPDATED");
    }

    @Test
    void updatesAndWorkflowActionsRequireIfMatchAndRefuseAStaleOne() {
        String measureId = envLedMeasure(9).id();
        JsonPath draft = created(ENV_REPORTER, adHoc(measureId, "ON_TRACK", 10, false));
        String id = draft.getString("id");

        as(ENV_REPORTER).contentType(ContentType.JSON).body(adHoc(measureId, "ON_TRACK", 15, false)).put("/reports/{id}", id)
                .then().statusCode(428).contentType("application/problem+json");
        as(ENV_REPORTER).post("/reports/{id}/submit", id).then().statusCode(428);
        JsonPath submitted = action(ENV_REPORTER, id, "submit", etag(draft), null);

        as(SUPERVISOR).header("If-Match", etag(draft)).post("/reports/{id}/approve", id).then()
                .statusCode(412).contentType("application/problem+json");
        as(ENV_REPORTER).header("If-Match", etag(submitted)).contentType(ContentType.JSON)
                .body(adHoc(measureId, "ON_TRACK", 15, false)).put("/reports/{id}", id)
                .then().statusCode(409).contentType("application/problem+json");
        as(SUPERVISOR).get("/reports/{id}", id).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("SUBMITTED"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
