package org.ecoplan.plan.department;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second district's plan gets departments of its own: the seed's text loaded for 平谷区 names 区生态环境局 as 延庆区's
 * does, and that is 平谷区's 区生态环境局 (PG-ENV), never 延庆区's (ENV). Nothing of one district can be assigned to the
 * other's measures or groups.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class DistrictDepartmentsTest {

    private static final String DISTRICT = "平谷区";
    private static final String ADMIN = "Bearer " + Tokens.token(Set.of("admin"), "ENV", "admin-zhao");

    /** Loads the seed's text for 平谷区; the second time it answers 200 UNCHANGED (the app is up only in an instance method). */
    @BeforeEach
    void loadTheSeedForASecondDistrict() throws IOException {
        String seed = Files.readString(Path.of("../seeds/000_81ef91949f25cf71.txt"), StandardCharsets.UTF_8);
        int status = given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8")
                .queryParam("district", DISTRICT).body(seed).when().post("/imports").then().extract().statusCode();
        assertThat(status).as("imported, or already there from the other test").isIn(200, 201);
    }

    @Test
    void theSecondDistrictsPlanNamesItsOwnDepartmentsNotTheFirstDistricts() {
        JsonPath pinggu = departments(DISTRICT);
        List<String> codes = pinggu.getList("items.code", String.class);
        assertThat(codes).contains("PG-ENV", "PG-TRANSPORT", "PLANNING").doesNotContain("ENV", "TRANSPORT", "BAIQUAN");
        assertThat(codes).allMatch(code -> code.startsWith("PG-") || code.equals("PLANNING"));
        assertThat(pinggu.getString("items.find { it.code == 'PG-ENV' }.name")).isEqualTo("区生态环境局");
        assertThat(pinggu.getString("items.find { it.code == 'PG-ENV' }.district")).isEqualTo(DISTRICT);
        // The city's department is the same one in both districts' lists.
        assertThat(pinggu.getString("items.find { it.code == 'PLANNING' }.district")).isNull();
        assertThat(departments("延庆区").getList("items.code", String.class)).contains("ENV", "PLANNING")
                .doesNotContain("PG-ENV");

        // The same document, so the same measures per role — each district's in its own plans only.
        long pgLeads = pinggu.getLong("items.find { it.code == 'PG-ENV' }.measures.lead");
        JsonPath yanqing = departments("延庆区");
        assertThat(pgLeads).isGreaterThan(10).isEqualTo(yanqing.getLong("items.find { it.code == 'ENV' }.measures.lead"));
        given().queryParam("district", DISTRICT).queryParam("year", 2026).when().get("/departments/ENV").then()
                .statusCode(200).body("leads.size()", equalTo(0)).body("district", equalTo("延庆区"));
        assertThat(given().queryParam("department", "PG-ENV").queryParam("size", 1).when().get("/measures").then()
                .statusCode(200).extract().jsonPath().getLong("totalItems")).isEqualTo(countOf("PG-ENV", DISTRICT));

        // 延庆区's towns are no towns of 平谷区: the names are registered in 平谷区, under codes of its own, and its
        // 各街乡镇 has no members until an administrator names them.
        JsonPath groups = given().queryParam("district", DISTRICT).when().get("/department-groups").then()
                .statusCode(200).extract().jsonPath();
        assertThat(groups.getString("items.find { it.name == '各街乡镇' }.code")).isEqualTo("PG-ALL-SUBDISTRICTS-TOWNS");
        assertThat(groups.getBoolean("items.find { it.name == '各街乡镇' }.open")).isTrue();
        assertThat(pinggu.getString("items.find { it.name == '永宁镇' }.code")).startsWith("PG-X-");

        // The catalogue event carries the district to every service's copy.
        var event = EventReader.awaitRecord(CatalogueEvents.TOPIC, r -> r.value() != null
                && "PG-ENV".equals(JsonPath.from(r.value()).getString("code")), Duration.ofSeconds(20));
        assertThat(JsonPath.from(event.value()).getString("district")).isEqualTo(DISTRICT);
        assertThat(new String(event.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo(CatalogueEvents.DEPARTMENT.eventType());
    }

    @Test
    void aMeasureOrGroupOfOneDistrictCannotNameAnotherDistrictsDepartment() {
        String measureId = given().queryParam("district", DISTRICT).queryParam("department", "PG-ENV").queryParam("size", 1)
                .when().get("/measures").then().statusCode(200).extract().jsonPath().getString("items[0].id");
        String etag = given().when().get("/measures/{id}", measureId).then().statusCode(200).extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"departments\":[{\"role\":\"LEAD\",\"departmentCode\":\"PG-ENV\"},{\"role\":\"ASSISTING\",\"departmentCode\":\"ENV\"}]}")
                .when().patch("/measures/{id}", measureId).then().statusCode(422).contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("departments[1].departmentCode"));
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"departments\":[{\"role\":\"LEAD\",\"groupCode\":\"ALL-TOWNS\"}]}")
                .when().patch("/measures/{id}", measureId).then().statusCode(422)
                .body("errors[0].field", equalTo("departments[0].groupCode"));
        // Nothing changed; the city's department may be named in any district's measure.
        given().when().get("/measures/{id}", measureId).then().statusCode(200).header("ETag", etag);
        given().header("Authorization", ADMIN).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"departments\":[{\"role\":\"LEAD\",\"departmentCode\":\"PG-ENV\"},{\"role\":\"ASSISTING\",\"departmentCode\":\"PLANNING\"}]}")
                .when().patch("/measures/{id}", measureId).then().statusCode(200)
                .body("departments.assisting.code", equalTo(List.of("PLANNING")));

        String yongning = departments(DISTRICT).getString("items.find { it.name == '永宁镇' }.code");
        String groupEtag = given().when().get("/department-groups/PG-CONCERNED-TOWNS").then().statusCode(200)
                .extract().header("ETag");
        given().header("Authorization", ADMIN).header("If-Match", groupEtag).contentType(ContentType.JSON)
                .body("{\"memberCodes\":[\"" + yongning + "\",\"YONGNING\"]}")
                .when().put("/department-groups/PG-CONCERNED-TOWNS/members").then().statusCode(422)
                .contentType("application/problem+json").body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("memberCodes[1]"));
        given().header("Authorization", ADMIN).header("If-Match", groupEtag).contentType(ContentType.JSON)
                .body("{\"memberCodes\":[\"" + yongning + "\"]}")
                .when().put("/department-groups/PG-CONCERNED-TOWNS/members").then().statusCode(200)
                .body("memberCodes", equalTo(List.of(yongning))).body("district", equalTo(DISTRICT));
    }

    private static JsonPath departments(String district) {
        return given().queryParam("district", district).queryParam("year", 2026).queryParam("size", 500)
                .when().get("/departments").then().statusCode(200).extract().jsonPath();
    }

    private static long countOf(String department, String district) {
        return given().queryParam("department", department).queryParam("district", district).queryParam("size", 1)
                .when().get("/measures").then().statusCode(200).extract().jsonPath().getLong("totalItems");
    }
}
