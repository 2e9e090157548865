package org.ecoplan.plan.catalogue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Administrator edits of a measure: roles, optimistic concurrency, history and the published event. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructureResource.class)
class MeasureEditTest {

    private static final String ADMIN = "Bearer " + Tokens.token(java.util.Set.of("admin"), "ENV", "admin-wang");

    @Test
    void editsTheDeadlineKeepsHistoryAndPublishesTheNewState() {
        String id = measureOfTask(2, 1);
        String etag = given().when().get("/measures/{id}", id).then().statusCode(200).extract().header("ETag");

        JsonPath edited = given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"deadline\":{\"kind\":\"DATE\",\"end\":\"2026-09-30\",\"label\":\"9月底前\"},\"reason\":\"区政府调整\"}")
                .when().patch("/measures/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(edited.getString("deadline.end")).isEqualTo("2026-09-30");
        assertThat(edited.getString("updatedBy")).isEqualTo("admin-wang");
        long revision = edited.getLong("revision");

        given().when().get("/measures/{id}", id).then().statusCode(200).header("ETag", "\"" + revision + "\"")
                .body("deadline.label", equalTo("9月底前"));
        JsonPath history = given().when().get("/measures/{id}/history", id).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("revision", Long.class)).containsExactly(revision);
        assertThat(history.getString("[0].before.deadline.label")).isEqualTo("年底前");
        assertThat(history.getString("[0].after.deadline.label")).isEqualTo("9月底前");
        assertThat(history.getString("[0].reason")).isEqualTo("区政府调整");

        List<ConsumerRecord<String, String>> events = EventReader.readAll(CatalogueEvents.TOPIC,
                r -> id.equals(r.key()) && r.value() != null && revisionOf(r.value()) == revision,
                Duration.ofSeconds(20));
        ConsumerRecord<String, String> event = events.get(events.size() - 1);
        assertThat(new String(event.headers().lastHeader("ce_type").value())).isEqualTo("plan.measure-changed.v1");
        assertThat(JsonPath.from(event.value()).getString("deadline.end")).isEqualTo("2026-09-30");
    }

    @Test
    void replacesTheDepartmentsOfAMeasure() {
        String id = measureOfTask(6, 1);
        String etag = given().when().get("/measures/{id}", id).then().extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"departments\":[{\"role\":\"LEAD\",\"departmentCode\":\"ENV\"},{\"role\":\"ASSISTING\",\"groupCode\":\"ALL-SUBDISTRICTS-TOWNS\"}]}")
                .when().patch("/measures/{id}", id).then().statusCode(200)
                .body("departments.lead.code", equalTo(List.of("ENV")))
                .body("departments.assisting[0].memberCodes.size()", equalTo(18));
    }

    @Test
    void returnsPreconditionFailedWhenTheETagIsStaleAndChangesNothing() {
        String id = measureOfTask(3, 1);
        String etag = given().when().get("/measures/{id}", id).then().extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"text\":\"第一次修改\"}").when().patch("/measures/{id}", id).then().statusCode(200);
        // A second client that read before the first edit loses: 412, not a lost update.
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"text\":\"第二次修改\"}").when().patch("/measures/{id}", id).then().statusCode(412)
                .contentType("application/problem+json");
        given().when().get("/measures/{id}", id).then().body("text", equalTo("第一次修改"));
    }

    @Test
    void requiresIfMatch() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .when().patch("/measures/{id}", measureOfTask(4, 1)).then().statusCode(428)
                .contentType("application/problem+json");
    }

    @Test
    void refusesAnonymousAndNonAdminCallers() {
        String id = measureOfTask(4, 1);
        given().header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .when().patch("/measures/{id}", id).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("reporter", "ENV")).header("If-Match", "\"1\"")
                .contentType(ContentType.JSON).body("{\"text\":\"x\"}")
                .when().patch("/measures/{id}", id).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void rejectsInvalidEditsNamingTheFieldAndWritesNothing() {
        String id = measureOfTask(5, 1);
        String etag = given().when().get("/measures/{id}", id).then().extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"deadline\":{\"kind\":\"WINDOW\",\"start\":\"2026-09-01\",\"end\":\"2026-06-30\",\"label\":\"6-9月\"}}")
                .when().patch("/measures/{id}", id).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("deadline.end"));
        // Dates every consumer can store: "-2026-01-01" parses as the year 2027 BC, and 2206 is a typo.
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"deadline\":{\"kind\":\"DATE\",\"end\":\"-2026-01-01\",\"label\":\"年底前\"}}")
                .when().patch("/measures/{id}", id).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("deadline.end"))
                .body("errors[0].message", containsString("2000-01-01 to 2100-12-31"));
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"deadline\":{\"kind\":\"WINDOW\",\"start\":\"1999-06-01\",\"end\":\"2206-09-30\",\"label\":\"6-9月\"}}")
                .when().patch("/measures/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("deadline.start"));
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"deadline\":{\"kind\":\"DATE\",\"end\":\"not a date\",\"label\":\"x\"}}")
                .when().patch("/measures/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("deadline.end"));
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"colour\":\"red\"}")
                .when().patch("/measures/{id}", id).then().statusCode(400).body("errors[0].field", equalTo("colour"));
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"departments\":[{\"role\":\"LEAD\",\"departmentCode\":\"NOPE\"}]}")
                .when().patch("/measures/{id}", id).then().statusCode(422)
                .body("errors[0].field", equalTo("departments[0].departmentCode"));
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{not json").when().patch("/measures/{id}", id).then().statusCode(400)
                .contentType("application/problem+json");
        given().when().get("/measures/{id}", id).then().header("ETag", etag);
        given().when().get("/measures/{id}/history", id).then().body("size()", equalTo(0));
    }

    private static long revisionOf(String json) {
        return JsonPath.from(json).getLong("revision");
    }

    /** A measure of a key task of 附件1; each test edits its own task so that tests stay independent. */
    static String measureOfTask(int taskNumber, int position) {
        String planId = CatalogueApiTest.planId(1);
        String taskId = given().when().get("/plans/{id}", planId).then().extract().jsonPath()
                .getString("sections.collectMany { s -> s.tasks + s.subsections.collectMany { it.tasks } }.find { it.number == " + taskNumber + " }.id");
        return given().when().get("/tasks/{id}", taskId).then().extract().jsonPath()
                .getString("measures.find { it.position == " + position + " }.id");
    }
}
