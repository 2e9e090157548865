package org.ecoplan.notification.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.CatalogueEvents;
import org.ecoplan.catalogue.contract.DepartmentState;
import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.catalogue.replica.CatalogueReplica;
import org.ecoplan.notification.alert.RaisedAlert;
import org.ecoplan.notification.webhook.WebhookReceiver;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A yellow warning for 12 member units, upgraded to orange and lifted, as plan-service publishes it: each unit gets its
 * duties once per level (also when an event comes twice or late), acknowledges them, and the units that do not are
 * escalated to the supervisors after 2 h and to their heads after 4 h — once, also when two replicas check at once.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EpisodeDutiesTest {

    private static final String SUPERVISOR = "Bearer " + Tokens.token(Set.of("supervisor"), null, "supervisor-wang");

    @Inject
    BusinessClock clock;

    @Inject
    EpisodeEscalation escalation;

    @Inject
    CatalogueReplica replica;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    @Test
    void membersGetTheirDutiesOnceAndMissingAcknowledgementsAreEscalatedOnce() throws Exception {
        String prefix = "EPI" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
        List<String> units = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            units.add(prefix + i);
        }
        String episodeId = UUID.randomUUID().toString();
        Instant start = LocalDate.of(2026, 12, 3).atStartOfDay(clock.zone()).plusHours(8).toInstant();
        clock.setTo(start);
        // The fifth unit's own system subscribed to its notifications: it gets each notice by webhook too. (The unit is
        // in the catalogue first, as plan-service publishes it: a subscription names a known department.)
        String departmentId = UUID.randomUUID().toString();
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(UUID.randomUUID(), CatalogueEvents.TOPIC, CatalogueEvents.DEPARTMENT.aggregateType(), departmentId,
                    CatalogueEvents.DEPARTMENT.eventType(), new DepartmentState(departmentId, 1, units.get(4),
                            "成员单位" + units.get(4), "DEPARTMENT", "延庆区"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !replica.findContaining(CatalogueEvents.DEPARTMENT.aggregateType(),
                Map.of("code", units.get(4))).isEmpty());
        WebhookReceiver unitSystem = new WebhookReceiver();
        given().header("Authorization", Tokens.bearer("integrator", null)).contentType("application/json")
                .body(Map.of("url", unitSystem.url(), "eventTypes", List.of("NOTIFICATION"), "departmentCode", units.get(4),
                        "description", "duty system of unit 5"))
                .when().post("/webhooks/subscriptions").then().statusCode(201);

        EpisodeState yellow = state(episodeId, 1, EpisodeEvents.ACTIVATED, WarningLevel.YELLOW, null, start, null, units);
        UUID activation = UUID.randomUUID();
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(activation, EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, episodeId, EpisodeEvents.ACTIVATED.eventType(), yellow);
            writer.send(activation, EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, episodeId, EpisodeEvents.ACTIVATED.eventType(), yellow);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgements(episodeId).size() == 12);
        JsonPath inbox = inbox(units.get(4));
        assertThat(inbox.getList("items.rule", String.class)).containsExactly(EpisodeDuties.RULE);
        assertThat(inbox.getString("items[0].severity")).isEqualTo("RED");
        assertThat(inbox.getString("items[0].title")).isEqualTo("【紧急】重污染天气启动黄色预警应急响应：请于2小时内确认本单位应急任务");
        assertThat(inbox.getString("items[0].body")).contains("1. 停止土石方作业（每日报送：检查工地数、停工工地数）");

        // Ten units acknowledge within the time (one twice); two never do.
        clock.setTo(start.plus(Duration.ofMinutes(30)));
        for (String unit : units.subList(0, 10)) {
            acknowledge(episodeId, unit, 200);
        }
        JsonPath again = acknowledge(episodeId, units.get(0), 200);
        assertThat(again.getString("acknowledgedAt")).isEqualTo(start.plus(Duration.ofMinutes(30)).toString());
        // Bad input: another department's, an unknown episode.
        given().header("Authorization", Tokens.bearer("reporter", units.get(0))).queryParam("department", units.get(11))
                .when().post("/episodes/" + episodeId + "/acknowledgement").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("reporter", units.get(0)))
                .when().post("/episodes/" + UUID.randomUUID() + "/acknowledgement").then().statusCode(404);

        clock.setTo(start.plus(Duration.ofMinutes(119)));
        assertThat(escalation.check()).isEmpty();
        clock.setTo(start.plus(Duration.ofHours(2)));
        List<RaisedAlert> raised = twoReplicasCheck();
        assertThat(raised).extracting(alert -> alert.draft().rule().name() + " " + alert.draft().period())
                .containsExactlyInAnyOrder("EPISODE_UNACKNOWLEDGED " + units.get(10) + "@rev1",
                        "EPISODE_UNACKNOWLEDGED " + units.get(11) + "@rev1");
        assertThat(escalation.check()).isEmpty();
        // A late acknowledgement stops the head's escalation for that unit only.
        clock.setTo(start.plus(Duration.ofHours(3)));
        assertThat(acknowledge(episodeId, units.get(10), 200).getBoolean("late")).isTrue();
        clock.setTo(start.plus(Duration.ofHours(4)));
        assertThat(twoReplicasCheck()).extracting(alert -> alert.draft().rule().name() + " " + alert.draft().period())
                .containsExactly("EPISODE_ESCALATED_TO_HEAD " + units.get(11) + "@rev1");
        JsonPath head = given().header("Authorization", Tokens.bearer("reporter", units.get(11)))
                .queryParam("box", "DEPARTMENT_HEAD").when().get("/inbox/messages").then().statusCode(200).extract().jsonPath();
        assertThat(head.getList("items.rule", String.class)).containsExactly("EPISODE_ESCALATED_TO_HEAD");

        // Upgrade to orange after a day: new duties, a new acknowledgement; the yellow one is settled.
        Instant dayTwo = start.plus(Duration.ofDays(1));
        clock.setTo(dayTwo);
        EpisodeState orange = state(episodeId, 2, EpisodeEvents.LEVEL_CHANGED, WarningLevel.ORANGE, WarningLevel.YELLOW, start, null, units);
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, episodeId, EpisodeEvents.LEVEL_CHANGED.eventType(), orange);
            // A stale state (revision 1 again, under a new event id) changes nothing.
            writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, episodeId, EpisodeEvents.ACTIVATED.eventType(), yellow);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgements(episodeId).size() == 24);
        assertThat(inbox(units.get(4)).getList("items.title", String.class)).containsExactly(
                "【紧急】重污染天气预警由黄色预警调整为橙色预警：请于2小时内确认本单位应急任务",
                "【紧急】重污染天气启动黄色预警应急响应：请于2小时内确认本单位应急任务");
        for (String unit : units.subList(0, 11)) {
            acknowledge(episodeId, unit, 200);
        }
        clock.setTo(dayTwo.plus(Duration.ofHours(2)));
        assertThat(escalation.check()).extracting(alert -> alert.draft().period()).containsExactly(units.get(11) + "@rev2");

        // Lifted on day 3: the open request is closed, nothing more is escalated, the units are told.
        Instant dayThree = start.plus(Duration.ofDays(2));
        clock.setTo(dayThree);
        EpisodeState lifted = state(episodeId, 3, EpisodeEvents.LIFTED, WarningLevel.ORANGE, null, start, dayThree, List.of());
        try (var writer = new EventWriter("/ecoplan/plan-service")) {
            writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, episodeId, EpisodeEvents.LIFTED.eventType(), lifted);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(units.get(11)).getInt("totalItems") == 3);
        assertThat(inbox(units.get(11)).getString("items[0].rule")).isEqualTo(EpisodeDuties.LIFTED_RULE);
        clock.setTo(dayThree.plus(Duration.ofHours(5)));
        assertThat(escalation.check()).isEmpty();
        acknowledge(episodeId, units.get(11), 409);

        List<JsonPath> all = acknowledgements(episodeId);
        assertThat(all).hasSize(24);
        assertThat(all.stream().filter(a -> a.getString("acknowledgedAt") == null).map(a -> a.getString("departmentCode") + "@" + a.getLong("revision")))
                .containsExactlyInAnyOrder(units.get(11) + "@1", units.get(11) + "@2");
        assertThat(all.stream().filter(a -> a.getBoolean("late")).map(a -> a.getString("departmentCode")))
                .containsExactly(units.get(10));
        JsonPath alerts = given().header("Authorization", SUPERVISOR).queryParam("subject", episodeId)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(alerts.getInt("totalItems")).isEqualTo(4);

        // By webhook, once each: the yellow duties, the orange duties, the lifting (the repeated and the stale event
        // sent nothing more); the unit acknowledged, so no escalation concerns it.
        try (unitSystem) {
            await().atMost(Duration.ofSeconds(30)).until(() -> unitSystem.received().size() >= 3);
            Thread.sleep(1000);
            // Webhooks promise each notice once, not their order (a delivery retried after a failed attempt goes after
            // later ones; one run of the suite received the orange duties before the yellow): sorted by revision.
            List<JsonPath> notices = unitSystem.received().stream().map(received -> JsonPath.from(received.body()))
                    .sorted(Comparator.comparingLong(notice -> notice.getLong("data.revision"))).toList();
            assertThat(notices).extracting(notice -> notice.getString("type") + " " + notice.getString("data.level")
                    + " rev" + notice.getLong("data.revision")).containsExactly(
                            "notification.episode-duties-sent.v1 YELLOW rev1", "notification.episode-duties-sent.v1 ORANGE rev2",
                            "notification.episode-lifted.v1 ORANGE rev3");
            assertThat(notices).allMatch(notice -> units.get(4).equals(notice.getString("data.departmentCode")));
            assertThat(notices.get(0).getString("data.title")).isEqualTo("【紧急】重污染天气启动黄色预警应急响应：请于2小时内确认本单位应急任务");
            assertThat(notices.get(0).getList("data.duties.action", String.class)).containsExactly("停止土石方作业");
            assertThat(notices.get(0).getString("data.acknowledgeBy")).isEqualTo(start.plus(Duration.ofHours(2)).toString());
            assertThat(notices.get(2).getList("data.duties")).isEmpty();
        }
    }

    private List<RaisedAlert> twoReplicasCheck() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Callable<List<RaisedAlert>> check = escalation::check;
            List<Future<List<RaisedAlert>>> runs = replicas.invokeAll(List.of(check, check));
            List<RaisedAlert> raised = new ArrayList<>();
            for (Future<List<RaisedAlert>> run : runs) {
                raised.addAll(run.get());
            }
            return raised;
        } finally {
            replicas.shutdown();
        }
    }

    private static EpisodeState state(String id, long revision, EpisodeEvents change, WarningLevel level, WarningLevel previous,
            Instant start, Instant liftedAt, List<String> units) {
        List<EpisodeState.MemberDuties> members = units.stream().map(unit -> new EpisodeState.MemberDuties(unit, "成员单位" + unit,
                unit.endsWith("-5") ? List.of(new EpisodeState.Duty(WarningLevel.YELLOW, "停止土石方作业", List.of("检查工地数", "停工工地数")))
                        : List.<EpisodeState.Duty>of())).toList();
        return new EpisodeState(id, revision, change.name(), level, level.chineseName(), previous, "CITY", "重污染过程", start,
                start.plus(Duration.ofDays(3)), liftedAt, liftedAt != null ? liftedAt : start, "city-aqi-system", 1, members);
    }

    private static JsonPath acknowledge(String episodeId, String unit, int status) {
        return given().header("Authorization", Tokens.bearer("reporter", unit))
                .when().post("/episodes/" + episodeId + "/acknowledgement").then().statusCode(status).extract().jsonPath();
    }

    private static List<JsonPath> acknowledgements(String episodeId) {
        var response = given().header("Authorization", SUPERVISOR).when().get("/episodes/" + episodeId + "/acknowledgements");
        if (response.statusCode() == 404) {
            return List.of();
        }
        List<Object> items = response.then().statusCode(200).extract().jsonPath().getList("$");
        List<JsonPath> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            all.add(JsonPath.from(response.asString()).setRootPath("[" + i + "]"));
        }
        return all;
    }

    private static JsonPath inbox(String unit) {
        return given().header("Authorization", Tokens.bearer("reporter", unit)).queryParam("box", "DEPARTMENT")
                .when().get("/inbox/messages").then().statusCode(200).extract().jsonPath();
    }
}
