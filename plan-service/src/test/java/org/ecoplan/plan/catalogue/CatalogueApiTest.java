package org.ecoplan.plan.catalogue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

/** The read API over the catalogue that the real seed document loaded at start. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CatalogueApiTest {

    @Test
    void listsTheThreePlansOfTheSeedWithTheirTaskCounts() {
        JsonPath plans = given().queryParam("district", "延庆区").queryParam("year", 2026).when().get("/plans")
                .then().statusCode(200).extract().jsonPath();
        assertThat(plans.getList("items.findAll { it.edition == '征求意见稿' }.attachment", Integer.class))
                .containsExactly(1, 2, 3);
        assertThat(plans.getList("items.findAll { it.edition == '征求意见稿' }.taskCount", Integer.class))
                .containsExactly(45, 37, 15);
        assertThat(plans.getString("items[0].title")).isEqualTo("持续污染防治攻坚2026年行动计划");
        assertThat(plans.getString("items[0].district")).isEqualTo("延庆区");
    }

    @Test
    void planTreeHoldsSectionsSubsectionsTasksAndMeasuresInDocumentOrder() {
        String planId = planId(1);
        JsonPath tree = given().when().get("/plans/{id}", planId).then().statusCode(200).extract().jsonPath();
        assertThat(tree.getString("sections[0].label")).isEqualTo("一");
        assertThat(tree.getString("sections[0].title")).isEqualTo("共筑美丽蓝天");
        assertThat(tree.getString("sections[0].subsections[0].title")).isEqualTo("空气质量目标");
        assertThat(tree.getInt("sections[0].subsections[0].tasks[0].number")).isEqualTo(1);
        assertThat(tree.getString("sections[0].subsections[0].tasks[0].name")).isEqualTo("空气质量目标");
        List<Integer> numbers = tree.getList("sections.collectMany { s -> s.tasks + s.subsections.collectMany { it.tasks } }.number", Integer.class);
        assertThat(numbers).hasSize(45).isSorted();
        // Task 3 runs over a page break in the document: still one task, with all its measures.
        Map<String, Object> task3 = tree.getMap("sections[0].subsections[1].tasks.find { it.number == 3 }");
        assertThat(task3).isNotNull();
        assertThat((List<?>) task3.get("measures")).hasSizeGreaterThan(5);
    }

    @Test
    void answersNotModifiedWhenTheTreeIsUnchanged() {
        String planId = planId(2);
        Response first = given().when().get("/plans/{id}", planId);
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        given().header("If-None-Match", etag).when().get("/plans/{id}", planId).then().statusCode(304);
    }

    @Test
    void findsEveryMeasureTheBureauLeadsWithADeadlineBeforeOctober() {
        JsonPath page = given().queryParam("department", "ENV").queryParam("role", "LEAD")
                .queryParam("deadlineTo", "2026-09-30").queryParam("district", "延庆区").queryParam("year", 2026).queryParam("size", 500)
                .when().get("/measures").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).isNotEmpty();
        assertThat(page.getInt("totalItems")).isEqualTo(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(LocalDate.parse(page.getString("items[" + i + "].deadline.end")))
                    .isBeforeOrEqualTo(LocalDate.of(2026, 9, 30));
            assertThat(page.getList("items[" + i + "].departments.lead.code", String.class)).contains("ENV");
        }
        // 附件1 task 5: 6-9月 (summer fuel handling), led by 区商务局 and 区生态环境局 in one merged cell.
        assertThat(page.getList("items.findAll { it.deadline.kind == 'WINDOW' }.task.number", Integer.class))
                .containsExactly(5);
    }

    @Test
    void theSeedHasOneMeasureDueBeforeJuly() {
        // Every other deadline is 年底前, 6-9月 or ongoing: only 附件1 task 30's 清管行动 is due by end of June.
        JsonPath page = given().queryParam("deadlineTo", "2026-06-30").queryParam("district", "延庆区").queryParam("year", 2026)
                .when().get("/measures").then().statusCode(200).extract().jsonPath();
        assertThat(page.getInt("totalItems")).isEqualTo(1);
        assertThat(page.getString("items[0].deadline.label")).isEqualTo("6月底前");
        assertThat(page.getInt("items[0].task.number")).isEqualTo(30);
        assertThat(page.getList("items[0].departments.lead.name", String.class)).contains("区水务局");
        given().queryParam("department", "ENV").queryParam("role", "LEAD").queryParam("deadlineTo", "2026-06-30")
                .queryParam("district", "延庆区").queryParam("year", 2026).when().get("/measures").then().statusCode(200).body("totalItems", is(0));
    }

    @Test
    void aGroupCountsForEachOfItsMembers() {
        // Task 1's lead cell names 各街乡镇: every subdistrict and town leads it through the group.
        JsonPath page = given().queryParam("department", "BAIQUAN").queryParam("size", 500)
                .when().get("/measures").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> viaGroup = page.getList("items.findAll { m -> (m.departments.lead + m.departments.responsible + m.departments.assisting).any { it.group && it.memberCodes.contains('BAIQUAN') } }");
        assertThat(viaGroup).isNotEmpty();
        assertThat(page.getList("items.task.number", Integer.class)).contains(1);
    }

    @Test
    void searchesMeasureTextByKeyword() {
        JsonPath page = given().queryParam("q", "新能源").queryParam("size", 500).when().get("/measures")
                .then().statusCode(200).extract().jsonPath();
        List<String> texts = page.getList("items.text", String.class);
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).contains("新能源"));
    }

    @Test
    void pagesThroughMeasuresWithoutOverlap() {
        JsonPath first = given().queryParam("size", 10).queryParam("page", 0).when().get("/measures")
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = given().queryParam("size", 10).queryParam("page", 1).when().get("/measures")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id", String.class)).hasSize(10)
                .doesNotContainAnyElementsOf(second.getList("items.id", String.class));
        assertThat(first.getLong("totalItems")).isGreaterThan(97);
    }

    @Test
    void rejectsBadFiltersWithAProblemNamingTheField() {
        given().queryParam("deadlineKind", "SOON").when().get("/measures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("deadlineKind"));
        given().queryParam("department", "NO-SUCH").when().get("/measures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("department"));
        given().queryParam("deadlineTo", "June").when().get("/measures").then().statusCode(400)
                .body("errors[0].field", equalTo("deadlineTo"));
        given().queryParam("size", 0).when().get("/measures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("size"));
    }

    @Test
    void answersAProblemForAnUnknownMeasure() {
        given().when().get("/measures/{id}", "00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("status", is(404));
    }

    @Test
    void showsOneTaskWithEveryMeasureAndItsRawCells() {
        String planId = planId(1);
        String taskId = given().when().get("/plans/{id}", planId).then().extract().jsonPath()
                .getString("sections[0].subsections[0].tasks[0].id");
        JsonPath task = given().when().get("/tasks/{id}", taskId).then().statusCode(200).extract().jsonPath();
        assertThat(task.getInt("number")).isEqualTo(1);
        assertThat(task.getString("section.title")).isEqualTo("共筑美丽蓝天");
        assertThat(task.getString("measures[0].deadline.kind")).isEqualTo("DATE");
        assertThat(task.getString("measures[0].deadline.end")).isEqualTo("2026-12-31");
        assertThat(task.getString("measures[0].raw.deadline")).isEqualTo("年底前");
        assertThat(task.getList("measures[0].departments.lead.code", String.class)).contains("ENV");
    }

    @Test
    void servesThe22IndicatorsWithTheirCategories() {
        JsonPath indicators = given().queryParam("district", "延庆区").queryParam("year", 2026).when().get("/indicators").then().statusCode(200)
                .extract().jsonPath();
        List<Integer> numbers = indicators.getList("items.findAll { it.edition == '征求意见稿' }.number", Integer.class);
        assertThat(numbers).hasSize(22).isSorted();
        assertThat(indicators.getInt("totalItems")).isEqualTo(22);
        assertThat(indicators.getList("items.category", String.class)).doesNotContainNull().allSatisfy(c -> assertThat(c).isNotBlank());
        assertThat(indicators.getList("items.name", String.class)).anySatisfy(n -> assertThat(n).contains("PM2.5"));
        assertThat(indicators.getString("items.find { it.number == 1 }.target")).isEqualTo("26微克/立方米");
        assertThat(indicators.getList("items.find { it.number == 1 }.lead.code", String.class)).contains("ENV");
    }

    @Test
    void listsDepartmentsWithTheMeasuresTheyLeadOrSupport() {
        JsonPath departments = given().queryParam("size", 500).when().get("/departments").then().statusCode(200).extract().jsonPath();
        assertThat(departments.getList("items.code", String.class)).contains("ENV", "BAIQUAN").isSorted();
        assertThat(departments.getLong("items.find { it.code == 'ENV' }.measures.lead")).isGreaterThan(10);
        // Paged like every list: a page, its size and the total.
        long total = departments.getLong("totalItems");
        assertThat(total).isGreaterThanOrEqualTo(48);
        JsonPath second = given().queryParam("size", 10).queryParam("page", 1).when().get("/departments").then().statusCode(200)
                .extract().jsonPath();
        assertThat(second.getList("items.code", String.class)).isEqualTo(departments.getList("items.code", String.class).subList(10, 20));
        assertThat(second.getLong("totalItems")).isEqualTo(total);
        assertThat(second.getInt("totalPages")).isEqualTo((int) ((total + 9) / 10));
        given().queryParam("size", 501).when().get("/departments").then().statusCode(400).contentType("application/problem+json");
        JsonPath env = given().when().get("/departments/ENV").then().statusCode(200).extract().jsonPath();
        assertThat(env.getString("name")).isEqualTo("区生态环境局");
        assertThat(env.getList("leads")).isNotEmpty();
        // 百泉街道 leads task 1 of 附件1 only through 各街乡镇, which stands in the merged lead cell.
        JsonPath baiquan = given().queryParam("district", "延庆区").queryParam("year", 2026)
                .when().get("/departments/BAIQUAN").then().statusCode(200).extract().jsonPath();
        assertThat(baiquan.getList("groups", String.class)).contains("ALL-SUBDISTRICTS-TOWNS");
        assertThat(baiquan.getList("leads.findAll { it.plan.attachment == 1 }.task.number", Integer.class)).contains(1);
        assertThat(baiquan.getList("leads.departments.lead.flatten().findAll { it.group }.name", String.class))
                .contains("各街乡镇");
        given().when().get("/departments/NOPE").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("district", "延庆区").when().get("/department-groups").then().statusCode(200)
                .body("items.find { it.name == '各街乡镇' }.memberCodes", hasSize(18))
                .body("totalItems", equalTo(7));
    }

    @Test
    void aDepartmentsDetailListsPerRoleExactlyTheMeasuresTheMeasureListFindsForIt() {
        // ENV is named itself; BAIQUAN mostly through groups (各街乡镇): the detail fetches measures and assignments
        // apart, the list in one query, and both must show the same measures with the same departments.
        for (String code : List.of("ENV", "BAIQUAN")) {
            JsonPath detail = given().queryParam("district", "延庆区").queryParam("year", 2026)
                    .when().get("/departments/{code}", code).then().statusCode(200).extract().jsonPath();
            Map<String, String> roles = Map.of("leads", "LEAD", "responsibleFor", "RESPONSIBLE", "assists", "ASSISTING");
            roles.forEach((list, role) -> {
                List<Map<String, Object>> expected = given().queryParam("department", code).queryParam("role", role)
                        .queryParam("district", "延庆区").queryParam("year", 2026).queryParam("size", 500)
                        .when().get("/measures").then().statusCode(200).extract().jsonPath().getList("items");
                assertThat(detail.<Map<String, Object>>getList(list)).as(code + " " + list).isEqualTo(expected);
            });
        }
        JsonPath baiquan = given().queryParam("district", "延庆区").queryParam("year", 2026)
                .when().get("/departments/BAIQUAN").then().statusCode(200).extract().jsonPath();
        assertThat(baiquan.getList("leads.departments.lead.flatten().findAll { it.code == 'ALL-SUBDISTRICTS-TOWNS' }.memberCodes.flatten()",
                String.class)).contains("BAIQUAN");
        assertThat(baiquan.getList("leads")).hasSizeGreaterThan(0);
        assertThat(baiquan.getList("assists")).hasSizeGreaterThan(0);
    }

    @Test
    void documentsEveryEndpointInOpenApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/measures"))
                .body("paths.keySet()", hasItem("/plans/{id}"))
                .body("paths.keySet()", hasItem("/imports"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    static String planId(int attachment) {
        return given().queryParam("district", "延庆区").queryParam("year", 2026).when().get("/plans").then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.attachment == " + attachment + " && it.edition == '征求意见稿' }.id");
    }
}
