package org.ecoplan.plan.department;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

/** An administrator names the members of a group the document left open (相关乡镇). */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class GroupMembershipTest {

    private static final String ADMIN = "Bearer " + Tokens.token(Set.of("admin"), "ENV", "admin-zhao");

    @Test
    void namedMembersFindTheGroupsMeasuresAndEveryMeasureIsRepublished() {
        JsonPath before = given().queryParam("department", "JINGZHUANG").queryParam("size", 500)
                .when().get("/measures").then().statusCode(200).extract().jsonPath();
        assertThat(groupCodes(before)).doesNotContain("CONCERNED-TOWNS");
        String etag = given().when().get("/department-groups/CONCERNED-TOWNS").then().statusCode(200)
                .body("open", equalTo(true)).extract().header("ETag");

        JsonPath group = given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"memberCodes\":[\"JINGZHUANG\",\"SIHAI\",\"JINGZHUANG\"]}")
                .when().put("/department-groups/CONCERNED-TOWNS/members").then().statusCode(200).extract().jsonPath();
        assertThat(group.getList("memberCodes", String.class)).containsExactly("JINGZHUANG", "SIHAI");
        assertThat(group.getBoolean("open")).isFalse();

        // 附件2 names 相关乡镇 in several measures: 井庄镇 now finds them through the group.
        JsonPath after = given().queryParam("department", "JINGZHUANG").queryParam("size", 500)
                .when().get("/measures").then().statusCode(200).extract().jsonPath();
        assertThat(groupCodes(after)).contains("CONCERNED-TOWNS");
        assertThat(after.getInt("totalItems")).isGreaterThan(before.getInt("totalItems"));

        // Each measure naming the group is published again with the members expanded.
        Map<String, Object> measure = after.getMap("items.find { m -> (m.departments.lead + m.departments.responsible + m.departments.assisting).any { it.code == 'CONCERNED-TOWNS' } }");
        String measureId = (String) measure.get("id");
        long revision = ((Number) measure.get("revision")).longValue();
        assertThat(revision).isGreaterThan(1);
        var event = EventReader.awaitRecord(CatalogueEvents.TOPIC,
                r -> measureId.equals(r.key()) && JsonPath.from(r.value()).getLong("revision") == revision,
                Duration.ofSeconds(20));
        assertThat(JsonPath.from(event.value()).getList(
                "assignments.find { it.groupCode == 'CONCERNED-TOWNS' }.memberCodes", String.class))
                .containsExactly("JINGZHUANG", "SIHAI");
        EventReader.awaitRecord(CatalogueEvents.TOPIC, r -> r.value() != null
                && "CONCERNED-TOWNS".equals(JsonPath.from(r.value()).getString("code"))
                && JsonPath.from(r.value()).getList("memberCodes").size() == 2, Duration.ofSeconds(20));
    }

    @Test
    void refusesStaleUnknownAndNonAdminChanges() {
        String etag = given().when().get("/department-groups/RELATED-DEPARTMENTS").then().statusCode(200)
                .extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"memberCodes\":[\"ENV\",\"NO-SUCH\"]}")
                .when().put("/department-groups/RELATED-DEPARTMENTS/members").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("memberCodes[1]"));
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{}").when().put("/department-groups/RELATED-DEPARTMENTS/members").then().statusCode(400)
                .body("errors[0].field", equalTo("memberCodes"));
        given().header("Authorization", Tokens.bearer("supervisor", "ENV")).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"memberCodes\":[\"ENV\"]}")
                .when().put("/department-groups/RELATED-DEPARTMENTS/members").then().statusCode(403);
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"memberCodes\":[\"ENV\"]}")
                .when().put("/department-groups/RELATED-DEPARTMENTS/members").then().statusCode(200);
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"memberCodes\":[\"WATER\"]}")
                .when().put("/department-groups/RELATED-DEPARTMENTS/members").then().statusCode(412);
        given().when().get("/department-groups/RELATED-DEPARTMENTS").then()
                .body("memberCodes", equalTo(List.of("ENV")));
    }

    private static List<String> groupCodes(JsonPath page) {
        return page.getList("items.collectMany { m -> m.departments.lead + m.departments.responsible + m.departments.assisting }.findAll { it.group }.code", String.class);
    }
}
