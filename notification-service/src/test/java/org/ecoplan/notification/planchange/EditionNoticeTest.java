package org.ecoplan.notification.planchange;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.EditionAdopted;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

/** plan-service's adoption notice reaches the department's inbox once, with a sentence per changed measure. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EditionNoticeTest {

    @Test
    void anAdoptedEditionsChangesReachTheDepartmentsInboxOnce() {
        String department = "EDITION-" + UUID.randomUUID().toString().substring(0, 8);
        String documentId = UUID.randomUUID().toString();
        EditionAdopted notice = EditionAdopted.of(documentId, UUID.randomUUID().toString(), "延庆区", 2026, "修订稿",
                "征求意见稿", Instant.parse("2026-07-01T02:00:00Z"), "admin-li", department, "区测试局", List.of(
                        new EditionAdopted.MeasureChange(UUID.randomUUID().toString(), EditionAdopted.Change.CHANGED,
                                false, 1, 30, "水环境治理", 2, List.of("LEAD"), List.of("LEAD"), "持续开展“清管行动”。",
                                null, "9月底前", "6月底前", "完成时限由6月底前调整为9月底前"),
                        new EditionAdopted.MeasureChange(UUID.randomUUID().toString(), EditionAdopted.Change.REMOVED,
                                false, 1, 31, "河湖评估", 3, List.of("ASSISTING"), List.of(), "开展美丽幸福河湖保护与建设工作年度评估。",
                                null, "年底前", null, "修订稿删除了该项工作措施，不再跟踪报送")));
        UUID eventId = UUID.randomUUID();
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(eventId, CatalogueEvents.TOPIC, EditionAdopted.AGGREGATE_TYPE, notice.id(), EditionAdopted.TYPE,
                    notice);
            // delivered twice (at least once): one message
            writer.send(eventId, CatalogueEvents.TOPIC, EditionAdopted.AGGREGATE_TYPE, notice.id(), EditionAdopted.TYPE,
                    notice);
        }
        String token = "Bearer " + Tokens.token(Set.of("reporter"), department, "reporter-" + department);
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(token).getInt("totalItems") > 0);
        JsonPath inbox = messages(token);
        assertThat(inbox.getInt("totalItems")).isEqualTo(1);
        assertThat(inbox.getString("items[0].box")).isEqualTo("DEPARTMENT");
        assertThat(inbox.getString("items[0].rule")).isEqualTo(EditionMessages.RULE);
        assertThat(inbox.getString("items[0].subjectId")).isEqualTo(documentId);
        assertThat(inbox.getString("items[0].title")).contains("修订稿").contains("2项工作措施调整");
        assertThat(inbox.getString("items[0].body")).contains("完成时限由6月底前调整为9月底前").contains("[删除]");
    }

    private static JsonPath messages(String token) {
        return given().header("Authorization", token).when()
                .get("/inbox/messages").then().statusCode(200).extract().jsonPath();
    }
}
