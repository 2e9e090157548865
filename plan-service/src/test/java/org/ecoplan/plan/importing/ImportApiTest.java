package org.ecoplan.plan.importing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

/** Importing plan documents over the API: all or nothing, never twice, next year beside this one. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ImportApiTest {

    private static final String ADMIN = "Bearer " + Tokens.token(Set.of("admin"), "ENV", "admin-li");

    @Test
    void theSeedImportedAgainLoadsNothingTwice() throws IOException {
        long measuresBefore = measureCount(2026);
        JsonPath result = given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8")
                .body(seed()).when().post("/imports").then().statusCode(200).extract().jsonPath();
        assertThat(result.getString("outcome")).isEqualTo("UNCHANGED");
        assertThat(result.getList("summary.plans.tasks", Integer.class)).containsExactly(45, 37, 15);
        assertThat(result.getInt("summary.indicators")).isEqualTo(22);
        assertThat(measureCount(2026)).isEqualTo(measuresBefore);
    }

    @Test
    void nextYearsPlanLoadsBesideThisOne() throws IOException {
        String nextYear = seed().replace("2026", "2031");
        JsonPath result = given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8")
                .queryParam("sourceName", "2031.txt").body(nextYear).when().post("/imports")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/imports/"))
                .extract().jsonPath();
        assertThat(result.getString("outcome")).isEqualTo("IMPORTED");
        assertThat(result.getInt("summary.year")).isEqualTo(2031);
        assertThat(measureCount(2031)).isEqualTo(measureCount(2026));
        given().queryParam("year", 2031).when().get("/plans").then().statusCode(200).body("totalItems", equalTo(3));
        given().header("Authorization", ADMIN).when().get("/imports/{id}", result.getString("id")).then()
                .statusCode(200).body("summary.year", equalTo(2031));
    }

    @Test
    void aDamagedDocumentIsRefusedWithItsProblemsAndNothingIsImported() throws IOException {
        // An unknown deadline form in a plan of another year: the parser must not guess it.
        String damaged = seed().replace("2026", "2032").replaceFirst("\t年底前", "\t找时间");
        given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8").body(damaged)
                .when().post("/imports").then().statusCode(422).contentType("application/problem+json")
                .body("errors.size()", greaterThan(0))
                .body("errors[0].field", org.hamcrest.Matchers.startsWith("document line "));
        given().queryParam("year", 2032).when().get("/plans").then().statusCode(200).body("totalItems", equalTo(0));
        given().queryParam("year", 2032).when().get("/measures").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void theSameDocumentLoadsBesideTheSeedForAnotherDistrict() throws IOException {
        given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8").queryParam("district", "怀柔区")
                .body(seed()).when().post("/imports").then().statusCode(201).body("summary.district", equalTo("怀柔区"));
        given().queryParam("year", 2026).when().get("/plans").then().statusCode(200)
                .body("items.findAll { it.district == '怀柔区' }.size()", equalTo(3));
    }

    @Test
    void sameYearAndEditionWithOtherContentIsAConflict() throws IOException {
        String revised = seed().replaceFirst("全力推进美丽蓝天建设", "全力推进美丽蓝天建设（修订）");
        given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8").body(revised)
                .when().post("/imports").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void onlyAdministratorsImport() throws IOException {
        given().contentType("text/plain; charset=UTF-8").body(seed()).when().post("/imports").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("supervisor", "ENV"))
                .contentType("text/plain; charset=UTF-8").body(seed()).when().post("/imports").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8").body("")
                .when().post("/imports").then().statusCode(400).contentType("application/problem+json");
    }

    private static long measureCount(int year) {
        return given().queryParam("district", "延庆区").queryParam("year", year).queryParam("size", 1).when().get("/measures").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
    }

    private static String seed() throws IOException {
        return Files.readString(Path.of("../seeds/000_81ef91949f25cf71.txt"), StandardCharsets.UTF_8);
    }
}
