package org.ecoplan.notification.bulletin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.ecoplan.indicator.contract.BulletinPublished;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** indicator-service's bulletin.published.v1 reaches the supervisors and each lead department once, with its links. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class BulletinNoticeTest {

    @Test
    void aPublishedBulletinReachesTheSupervisorsAndEveryLeadDepartmentOnce() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = "BULLETIN-A-" + suffix;
        String second = "BULLETIN-B-" + suffix;
        String district = "通报区" + suffix;
        BulletinPublished bulletin = new BulletinPublished(district, 2026, "2026-06", LocalDate.of(2026, 6, 30),
                LocalDate.of(2026, 7, 3), district + "生态环境保护工作月度调度通报（2026年第6期）", "截至2026年6月30日，……",
                3, 1, 2, List.of(first, second), new BulletinPublished.Links("http://localhost:8083/bulletins/2026-06?format=html",
                        "http://localhost:8083/bulletins/2026-06?format=docx", "http://localhost:8083/bulletins/2026-06?format=pdf"),
                Instant.parse("2026-07-03T00:00:00Z"));
        UUID eventId = UUID.randomUUID();
        try (var writer = new EventWriter("/ecoplan/indicator-service")) {
            for (int i = 0; i < 2; i++) { // delivered twice (at least once): one message per inbox
                writer.send(eventId, IndicatorEvents.TOPIC, IndicatorEvents.BULLETIN_PUBLISHED.aggregateType(),
                        district + "/2026-06", IndicatorEvents.BULLETIN_PUBLISHED.eventType(), bulletin);
            }
        }
        for (String department : List.of(first, second)) {
            String token = "Bearer " + Tokens.token(Set.of("reporter"), department, "reporter-" + department);
            await().atMost(Duration.ofSeconds(30)).until(() -> messages(token, null).getInt("totalItems") > 0);
            JsonPath inbox = messages(token, null);
            assertThat(inbox.getInt("totalItems")).isEqualTo(1);
            assertThat(inbox.getString("items[0].rule")).isEqualTo(BulletinMessages.RULE);
            assertThat(inbox.getString("items[0].title")).contains("月度调度通报").contains("2026年第6期");
            assertThat(inbox.getString("items[0].body")).contains("需督办3项").contains("format=pdf").contains("format=docx");
        }
        String supervisor = Tokens.bearer("supervisor", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(supervisor, district + "/2026-06").getInt("totalItems") > 0);
        JsonPath supervisors = messages(supervisor, district + "/2026-06");
        assertThat(supervisors.getInt("totalItems")).isEqualTo(1);
        assertThat(supervisors.getString("items[0].box")).isEqualTo("SUPERVISORS");
    }

    private static JsonPath messages(String token, String subject) {
        var request = given().header("Authorization", token);
        if (subject != null) {
            request = request.queryParam("subject", subject).queryParam("box", "SUPERVISORS");
        }
        return request.when().get("/inbox/messages").then().statusCode(200).extract().jsonPath();
    }
}
