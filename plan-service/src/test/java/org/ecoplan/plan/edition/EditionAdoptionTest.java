package org.ecoplan.plan.edition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import javax.sql.DataSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * 征求意见稿 → 修订稿: a revision made from the seed with 5 measures changed (3 texts, a deadline, a department),
 * 2 moved (one within its task, one to another task), 1 removed, 1 added and one indicator target changed gives
 * exactly that difference; adopting it keeps the identity of all 211 continuing measures (changed and moved ones
 * included) — the id other services key progress reports, statuses and alerts by — closes the removed one and
 * tells each department concerned. Loaded for 密云区, beside the seed's 延庆区 plan, which stays as it is.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditionAdoptionTest {

    private static final String ADMIN = "Bearer " + Tokens.token(Set.of("admin"), "ENV", "admin-li");
    private static final String DISTRICT = "密云区";
    private static final String ADDED = "建立地下水污染防治重点排污单位名录，每季度开展一次隐患排查。";
    private static final String REMOVED = "开展美丽幸福河湖保护与建设工作年度评估。";

    private static String draftId;
    private static String revisionId;
    private static Set<String> draftMeasureIds;
    private static String removedId;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** The revised edition, made from the seed text (the source of truth) by the office's kind of edits. */
    static String revision() {
        return SeedRevision.ofSeed()
                .replaceAll("（征求意见稿）", "（修订稿）")
                // 3 texts
                .replaceInRow("全面实行排污许可制。", "全面实行排污许可制。", "全面实行排污许可制，开展排污许可证质量抽查。")
                .replaceInRow("推进供水管网漏损治理", "推进供水管网漏损治理", "加快推进供水管网漏损治理")
                .replaceInRow("保障重点河流生态流量。", "永定河、潮白河", "永定河、潮白河、妫水河")
                // a deadline, a department
                .replaceLineInRow("深化大气治理智慧化监管应用", "\t年底前", "\t9月底前")
                .replaceLineInRow("做好资金保障及资金使用监督管理工作", "\t——", "\t区发展改革委")
                // within task 3 of 附件1, and from task 3 to task 4
                .moveRowAfter("鼓励汽车消费，促进存量社会小客车更新为新能源车。", "聚焦商品车、生活必需品")
                .moveRowAfter("配合市级部门，研究摩托车管理工作方案。", "做好施工工地周边补能设施配套")
                .removeRow(REMOVED)
                .addRowAfter("核实辖区加油站（点）埋地油罐防渗漏情况", ADDED, "年底前", "区生态环境局", "——")
                // PM2.5: 26 → 25
                .replaceLineInRow("\t26微克/立方米", "\t26微克/立方米", "\t25微克/立方米")
                .text();
    }

    @Test
    @Order(1)
    void aLaterEditionLoadsAsACandidateBesideTheCurrentOne() {
        draftId = importText(SeedRevision.seedText()).statusCode(201).body("summary.status", equalTo("CURRENT"))
                .extract().jsonPath().getString("documentId");
        draftMeasureIds = new HashSet<>(measureIds(draftId));
        assertThat(draftMeasureIds).hasSize(212);
        JsonPath revised = importText(revision()).statusCode(201).extract().jsonPath();
        assertThat(revised.getString("summary.edition")).isEqualTo("修订稿");
        assertThat(revised.getString("summary.status")).isEqualTo("CANDIDATE");
        assertThat(revised.getList("summary.plans.measures", Integer.class)).containsExactly(102, 71, 39);
        revisionId = revised.getString("documentId");
        // A candidate is not published: no other service may see the plan twice.
        assertThat(outboxEvents("plan.measure-changed.v1", revisionId)).isZero();
        assertThat(outboxEvents("plan.document-changed.v1", revisionId)).isZero();

        JsonPath editions = given().queryParam("district", DISTRICT).when().get("/editions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(editions.getList("edition", String.class)).containsExactly("征求意见稿", "修订稿");
        assertThat(editions.getList("status", String.class)).containsExactly("CURRENT", "CANDIDATE");
    }

    @Test
    @Order(2)
    void theComparisonFindsExactlyTheChangesMade() {
        JsonPath changes = given().when().get("/editions/{id}/changes", revisionId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(changes.getMap("summary")).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("measuresContinuing", 211), Map.entry("measuresUnchanged", 204),
                Map.entry("measuresChanged", 5), Map.entry("measuresMoved", 2), Map.entry("measuresAdded", 1),
                Map.entry("measuresRemoved", 1), Map.entry("tasksAdded", 0), Map.entry("tasksRemoved", 0),
                Map.entry("tasksRenamed", 0), Map.entry("tasksRenumbered", 0), Map.entry("indicatorsChanged", 1),
                Map.entry("indicatorsAdded", 0), Map.entry("indicatorsRemoved", 0)));
        assertThat(changes.getList("measures.change", String.class)).hasSize(9);
        assertThat(changes.getString("from.edition")).isEqualTo("征求意见稿");

        List<Map<String, Object>> measures = changes.getList("measures");
        Map<String, Object> moved = only(measures, m -> m.get("text").toString().startsWith("配合市级部门，研究摩托车"));
        assertThat(moved).containsEntry("change", "MOVED").containsEntry("moved", true);
        assertThat(changes.getInt("measures.find { it.text.startsWith('配合市级部门，研究摩托车') }.from.taskNumber")).isEqualTo(3);
        assertThat(changes.getInt("measures.find { it.text.startsWith('配合市级部门，研究摩托车') }.to.taskNumber")).isEqualTo(4);
        assertThat(changes.getInt("measures.find { it.text.startsWith('鼓励汽车消费') }.to.taskNumber")).isEqualTo(3);
        assertThat(changes.getString("measures.find { it.text.startsWith('鼓励汽车消费') }.change")).isEqualTo("MOVED");

        // the text change, character by character: only 妫水河 is new
        List<Map<String, String>> diff = changes.getList("measures.find { it.text.startsWith('保障重点河流生态流量') }.textDiff");
        assertThat(diff.stream().filter(s -> !s.get("op").equals("EQUAL")).toList())
                .containsExactly(Map.of("op", "INSERT", "text", "、妫水河"));
        assertThat(changes.getString("measures.find { it.text.startsWith('深化大气治理智慧化监管应用') }.deadline.toLabel"))
                .isEqualTo("9月底前");
        assertThat(changes.getList("measures.find { it.text.startsWith('财政部门结合工作实际') }.departments[0].added.name", String.class))
                .containsExactly("区发展改革委");
        assertThat(changes.getString("measures.find { it.change == 'ADDED' }.text")).isEqualTo(ADDED);
        assertThat(changes.getString("measures.find { it.change == 'REMOVED' }.text")).isEqualTo(REMOVED);
        removedId = changes.getString("measures.find { it.change == 'REMOVED' }.from.id");

        assertThat(changes.getList("indicators.change", String.class)).containsExactly("CHANGED");
        assertThat(changes.getString("indicators[0].from.target")).isEqualTo("26微克/立方米");
        assertThat(changes.getString("indicators[0].to.target")).isEqualTo("25微克/立方米");
    }

    @Test
    @Order(3)
    void adoptingKeepsTheIdentityOfEveryContinuingMeasureAndClosesTheRemovedOne() {
        given().when().post("/editions/{id}/adoption", revisionId).then().statusCode(401);
        JsonPath adopted = given().header("Authorization", ADMIN).when().post("/editions/{id}/adoption", revisionId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(adopted.getInt("summary.measuresContinuing")).isEqualTo(211);
        assertThat(adopted.getInt("departmentsNotified")).isPositive();

        // The adopted edition's 212 measures: the 211 continuing ones under their old ids, and the added one.
        List<String> current = measureIds(revisionId);
        assertThat(current).hasSize(212);
        Set<String> continuing = new HashSet<>(draftMeasureIds);
        continuing.remove(removedId);
        assertThat(continuing).hasSize(211);
        assertThat(current).containsAll(continuing);
        assertThat(current.stream().filter(id -> !draftMeasureIds.contains(id)).toList()).hasSize(1);

        // A changed measure: same id, the revised text at a new revision, the change in its history.
        JsonPath changed = given().queryParam("district", DISTRICT).queryParam("q", "妫水河").when().get("/measures")
                .then().statusCode(200).extract().jsonPath();
        assertThat(changed.getInt("totalItems")).isEqualTo(1);
        String changedId = changed.getString("items[0].id");
        assertThat(draftMeasureIds).contains(changedId);
        assertThat(changed.getInt("items[0].revision")).isEqualTo(2);
        assertThat(changed.getString("items[0].plan.edition")).isEqualTo("修订稿");
        JsonPath history = given().when().get("/measures/{id}/history", changedId).then().statusCode(200).extract().jsonPath();
        assertThat(history.getString("[0].reason")).startsWith("采用修订稿");
        assertThat(history.getString("[0].before.text")).doesNotContain("妫水河");
        assertThat(history.getString("[0].after.text")).contains("妫水河");

        // The removed one is closed, not deleted, and published as such.
        given().when().get("/measures/{id}", removedId).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("revision", equalTo(2));
        JsonNode closedState = lastOutboxPayload("plan.measure-changed.v1", removedId);
        assertThat(closedState.path("status").asText()).isEqualTo("CLOSED");
        // Continuing measures are published at their new revision, pointing at the adopted edition's task.
        JsonNode changedState = lastOutboxPayload("plan.measure-changed.v1", changedId);
        assertThat(changedState.path("revision").asLong()).isEqualTo(2);
        assertThat(changedState.path("text").asText()).contains("妫水河");
        assertThat(changedState.path("status").asText()).isEqualTo("OPEN");

        JsonPath editions = given().queryParam("district", DISTRICT).when().get("/editions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(editions.getList("status", String.class)).containsExactly("SUPERSEDED", "CURRENT");
        assertThat(editions.getString("[0].supersededBy")).isEqualTo(revisionId);
        // The superseded edition still reads as it was: its measures hold the draft's texts.
        assertThat(given().queryParam("district", DISTRICT).queryParam("q", "永定河、潮白河等河道生态补水").when()
                .get("/measures").then().statusCode(200).extract().jsonPath().getInt("totalItems")).isEqualTo(1);

        given().header("Authorization", ADMIN).when().post("/editions/{id}/adoption", revisionId).then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    @Order(4)
    void everyDepartmentConcernedIsToldWhatChangedForIt() {
        // 区发展改革委 now assists the finance measure: its notice says so.
        List<String> payloads = query("select cast(payload as text) from event_outbox"
                + " where event_type = 'plan.edition-adopted.v1' and aggregate_id like ?", revisionId + ":%");
        Map<String, JsonNode> byDepartment = payloads.stream().map(this::json)
                .collect(Collectors.toMap(n -> n.path("departmentCode").asText(), n -> n));
        assertThat(byDepartment).isNotEmpty();
        JsonNode development = byDepartment.values().stream()
                .filter(n -> n.path("departmentName").asText().equals("区发展改革委")).findFirst().orElseThrow();
        JsonNode finance = null;
        for (JsonNode change : development.path("measures")) {
            if (change.path("text").asText().startsWith("财政部门结合工作实际")) {
                finance = change;
            }
        }
        assertThat(finance).isNotNull();
        assertThat(finance.path("change").asText()).isEqualTo("CHANGED");
        assertThat(finance.path("rolesBefore")).isEmpty();
        assertThat(finance.path("rolesAfter").get(0).asText()).isEqualTo("ASSISTING");
        assertThat(finance.path("summary").asText()).contains("您新承担该措施");
        // The removed measure's lead department hears of it.
        assertThat(byDepartment.values().stream().flatMap(n -> java.util.stream.StreamSupport
                .stream(n.path("measures").spliterator(), false))
                .anyMatch(c -> c.path("change").asText().equals("REMOVED") && c.path("measureId").asText().equals(removedId)))
                .isTrue();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static io.restassured.response.ValidatableResponse importText(String text) {
        return given().header("Authorization", ADMIN).contentType("text/plain; charset=UTF-8")
                .queryParam("district", DISTRICT).body(text).when().post("/imports").then();
    }

    /** The measures of one edition (document). */
    private static List<String> measureIds(String documentId) {
        JsonPath plans = given().queryParam("district", DISTRICT).queryParam("size", 100).when().get("/plans").then()
                .statusCode(200).extract().jsonPath();
        List<String> planIds = plans.getList("items.findAll { it.documentId == '" + documentId + "' }.id", String.class);
        return planIds.stream().flatMap(plan -> given().queryParam("plan", plan).queryParam("size", 200).when()
                .get("/measures").then().statusCode(200).extract().jsonPath().getList("items.id", String.class).stream())
                .toList();
    }

    private long outboxEvents(String type, String documentId) {
        return Long.parseLong(query("select count(*) from event_outbox where event_type = ?"
                + " and (payload ->> 'documentId' = ? or aggregate_id = ?"
                + " or payload ->> 'planId' in (select cast(id as text) from plan where cast(document_id as text) = ?))",
                type, documentId, documentId, documentId).get(0));
    }

    private JsonNode lastOutboxPayload(String type, String aggregateId) {
        return json(query("select cast(payload as text) from event_outbox where event_type = ? and aggregate_id = ?"
                + " order by position desc limit 1", type, aggregateId).get(0));
    }

    private List<String> query(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setString(index + 1, parameters[index]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode json(Object text) {
        try {
            return mapper.readTree(text.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T only(List<T> items, java.util.function.Predicate<T> predicate) {
        List<T> found = items.stream().filter(predicate).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
