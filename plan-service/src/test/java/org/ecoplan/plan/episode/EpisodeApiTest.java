package org.ecoplan.plan.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Heavy-pollution episodes in plan-service: the example duty list for the seed's member units, a warning activated,
 * upgraded and lifted with its events, and bad input refused without a write.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EpisodeApiTest {

    private static final String ADMIN = "Bearer " + Tokens.token(Set.of("admin"), "ENV", "admin-zhao");
    private static final String CITY_SYSTEM = "Bearer " + Tokens.token(Set.of("integrator"), null, "city-aqi-system");
    static final List<String> MEMBERS = List.of("AGRICULTURE", "COMMERCE", "DEV-REFORM", "EDUCATION", "ENV", "HEALTH",
            "HOUSING", "MARKET-REG", "POLICE", "TRANSPORT", "URBAN-MGMT", "WEATHER");

    @Test
    @Order(1)
    void dutyListIsRefusedWholeForUnknownOrNonMemberDepartmentsAndUnknownLevels() {
        nameMembers();
        String csv = "department,level,action,reportItems\n"
                + "HOUSING,ORANGE,停止土石方作业,检查工地数;停工工地数\n"
                + "NO-SUCH,ORANGE,巡查,巡查次数\n"
                + "BAIQUAN,YELLOW,巡查,巡查次数\n"
                + "ENV,PURPLE,会商,\n";
        JsonPath problem = given().log().ifValidationFails().header("Authorization", ADMIN).contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/duty-lists/csv").then().log().ifValidationFails().statusCode(422).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class))
                .containsExactly("line 3 department", "line 4 department", "line 5 level");
        assertThat(problem.getString("errors[1].message")).contains("not a member of 区空气重污染应急指挥部成员单位");
        // JSON: an unknown level is a 400 naming the field, before any row is looked at.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"duties\":[{\"departmentCode\":\"ENV\",\"level\":\"PURPLE\",\"action\":\"会商\"}]}")
                .when().post("/duty-lists").then().statusCode(400).body("errors[0].field", equalTo("duties[0].level"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"duties\":[{\"departmentCode\":\"NO-SUCH\",\"level\":\"RED\",\"action\":\"会商\"}]}")
                .when().post("/duty-lists").then().statusCode(422).body("errors[0].field", equalTo("duties[0].departmentCode"));
        given().header("Authorization", Tokens.bearer("supervisor", "ENV")).contentType("text/csv").body(csv)
                .when().post("/duty-lists/csv").then().statusCode(403);
        given().when().get("/duty-lists/current").then().statusCode(404);
    }

    @Test
    @Order(2)
    void anEpisodeIsActivatedUpgradedAndLiftedWithItsEventsAndHistory() throws IOException {
        JsonPath list = given().header("Authorization", ADMIN).contentType("text/csv; charset=UTF-8").queryParam("example", true)
                .queryParam("source", "example-duties.csv").body(exampleList())
                .when().post("/duty-lists/csv").then().statusCode(201).extract().jsonPath();
        assertThat(list.getBoolean("example")).isTrue();
        assertThat(list.getList("duties")).hasSize(18);
        int version = list.getInt("version");
        given().when().get("/duty-lists/current").then().statusCode(200).body("version", equalTo(version))
                .body("duties.find { it.departmentCode == 'HOUSING' && it.level == 'ORANGE' }.reportItems", equalTo(List.of("检查工地数", "停工工地数")));

        // Bad episodes: nothing written.
        given().header("Authorization", CITY_SYSTEM).contentType(ContentType.JSON)
                .body("{\"level\":\"YELLOW\",\"issuer\":\"CITY\",\"reason\":\"重污染过程\",\"startsAt\":\"2026-12-03T00:00:00+08:00\",\"expectedEndAt\":\"2026-12-02T00:00:00+08:00\"}")
                .when().post("/episodes").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("expectedEndAt"));
        given().header("Authorization", CITY_SYSTEM).contentType(ContentType.JSON)
                .body("{\"level\":\"PURPLE\",\"issuer\":\"CITY\",\"reason\":\"重污染过程\",\"startsAt\":\"2026-12-03T00:00:00+08:00\",\"expectedEndAt\":\"2026-12-06T00:00:00+08:00\"}")
                .when().post("/episodes").then().statusCode(400).body("errors[0].field", equalTo("level"));
        given().header("Authorization", Tokens.bearer("reporter", "ENV")).contentType(ContentType.JSON)
                .body("{\"level\":\"YELLOW\",\"issuer\":\"CITY\",\"reason\":\"重污染过程\",\"startsAt\":\"2026-12-03T00:00:00+08:00\",\"expectedEndAt\":\"2026-12-06T00:00:00+08:00\"}")
                .when().post("/episodes").then().statusCode(403);
        given().when().get("/episodes").then().statusCode(200).body("totalItems", equalTo(0));

        // Yellow from the city's system.
        var activated = given().header("Authorization", CITY_SYSTEM).contentType(ContentType.JSON)
                .body("{\"level\":\"YELLOW\",\"issuer\":\"CITY\",\"reason\":\"预计12月3日至5日出现重度污染过程\",\"startsAt\":\"2026-12-03T00:00:00+08:00\",\"expectedEndAt\":\"2026-12-06T00:00:00+08:00\"}")
                .when().post("/episodes").then().statusCode(201).header("ETag", "\"1\"").extract();
        JsonPath episode = activated.jsonPath();
        String id = episode.getString("id");
        assertThat(activated.header("Location")).endsWith("/episodes/" + id);
        assertThat(episode.getList("members.departmentCode", String.class)).containsExactlyElementsOf(MEMBERS);
        assertThat(episode.getList("members.find { it.departmentCode == 'HOUSING' }.duties.action", String.class))
                .containsExactly("加强施工工地扬尘管控，落实“六个百分之百”");
        assertThat(episode.getList("members.find { it.departmentCode == 'ENV' }.duties.level", String.class))
                .containsExactly("BLUE", "YELLOW");
        // One warning at a time.
        given().header("Authorization", CITY_SYSTEM).contentType(ContentType.JSON)
                .body("{\"level\":\"RED\",\"issuer\":\"DISTRICT\",\"reason\":\"又一次\",\"startsAt\":\"2026-12-03T00:00:00+08:00\",\"expectedEndAt\":\"2026-12-06T00:00:00+08:00\"}")
                .when().post("/episodes").then().statusCode(409);

        // Upgrade to orange after a day: needs the current ETag.
        String upgrade = "{\"level\":\"ORANGE\",\"reason\":\"污染加重\",\"effectiveAt\":\"2026-12-04T00:00:00+08:00\"}";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(upgrade)
                .when().post("/episodes/" + id + "/level").then().statusCode(428);
        given().header("Authorization", ADMIN).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"level\":\"ORANGE\",\"reason\":\"污染加重\",\"effectiveAt\":\"2026-12-01T00:00:00+08:00\"}")
                .when().post("/episodes/" + id + "/level").then().statusCode(400).body("errors[0].field", equalTo("effectiveAt"));
        JsonPath orange = given().header("Authorization", ADMIN).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(upgrade)
                .when().post("/episodes/" + id + "/level").then().statusCode(200).header("ETag", "\"2\"").extract().jsonPath();
        assertThat(orange.getList("members.find { it.departmentCode == 'HOUSING' }.duties.action", String.class))
                .containsExactly("加强施工工地扬尘管控，落实“六个百分之百”", "停止土石方作业、建筑拆除、喷涂粉刷等施工作业");
        given().header("Authorization", ADMIN).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(upgrade)
                .when().post("/episodes/" + id + "/level").then().statusCode(412);

        JsonPath lifted = given().header("Authorization", CITY_SYSTEM).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body("{\"reason\":\"空气质量好转\",\"liftedAt\":\"2026-12-05T12:00:00+08:00\"}")
                .when().post("/episodes/" + id + "/lift").then().statusCode(200).extract().jsonPath();
        assertThat(lifted.getString("status")).isEqualTo("LIFTED");
        assertThat(lifted.getList("members")).isEmpty();
        assertThat(lifted.getList("history.change", String.class)).containsExactly("ACTIVATED", "LEVEL_CHANGED", "LIFTED");
        assertThat(lifted.getList("history.level", String.class)).containsExactly("YELLOW", "ORANGE", "ORANGE");
        given().header("Authorization", CITY_SYSTEM).header("If-Match", "\"3\"").contentType(ContentType.JSON)
                .body("{\"reason\":\"再次解除\"}").when().post("/episodes/" + id + "/lift").then().statusCode(409);
        given().header("If-None-Match", "\"3\"").when().get("/episodes/" + id).then().statusCode(304);

        // The three events, in order on the episode's key, each with the full state.
        List<ConsumerRecord<String, String>> events = EventReader.awaitRecords(EpisodeEvents.TOPIC,
                r -> id.equals(r.key()), 3, Duration.ofSeconds(20));
        assertThat(events.stream().map(r -> EventReader.header(r, "ce_type").orElseThrow()).toList())
                .containsExactly("episode.activated.v1", "episode.level-changed.v1", "episode.lifted.v1");
        JsonPath levelChanged = JsonPath.from(events.get(1).value());
        assertThat(levelChanged.getString("previousLevel")).isEqualTo("YELLOW");
        assertThat(levelChanged.getInt("revision")).isEqualTo(2);
        assertThat(levelChanged.getList("members.find { it.departmentCode == 'TRANSPORT' }.duties.action", String.class))
                .containsExactly("增加公共交通运力保障", "停止国四及以下重型柴油货车上路行驶（保障类车辆除外）");
        assertThat(JsonPath.from(events.get(2).value()).getString("liftedAt")).isNotNull();
    }

    private static void nameMembers() {
        String etag = given().when().get("/department-groups/AIR-EMERGENCY-HQ-MEMBERS").then().statusCode(200).extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body(java.util.Map.of("memberCodes", MEMBERS))
                .when().put("/department-groups/AIR-EMERGENCY-HQ-MEMBERS/members").then().statusCode(200);
    }

    static byte[] exampleList() throws IOException {
        try (InputStream in = EpisodeApiTest.class.getResourceAsStream("/episode/example-duties.csv")) {
            return in.readAllBytes();
        }
    }
}
