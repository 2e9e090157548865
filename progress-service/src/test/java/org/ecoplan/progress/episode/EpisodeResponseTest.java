package org.ecoplan.progress.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.EpisodeEvents;
import org.ecoplan.catalogue.contract.EpisodeState;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.progress.contract.EpisodeResponseEvents;
import org.ecoplan.progress.contract.EpisodeResponseSubmitted;
import org.ecoplan.testing.EventReader;
import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.ecoplan.web.clock.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Member units' daily responses to a heavy-pollution episode, checked against the copy of the episode kept from
 * plan-service's events: one per unit and day, retried safely, corrected with If-Match, published through the outbox;
 * bad input refused naming the field with nothing written.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EpisodeResponseTest {

    private static final String SUPERVISOR = "Bearer " + Tokens.token(Set.of("supervisor"), null, "supervisor-chen");

    @Inject
    BusinessClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    @Test
    void aUnitFilesOneResponsePerDayRetriesSafelyAndCorrectsWithIfMatch() throws Exception {
        Episode episode = new Episode();
        episode.activateThenUpgrade();
        clock.setTo(episode.start.plus(Duration.ofHours(10)));
        String body = """
                {"day":"2026-12-03","quantities":[{"name":"检查工地数","value":35},{"name":"停工工地数","value":28}],
                 "narrative":"检查工地35个，停工28个。","clientTimestamp":"2026-12-03T10:40:00Z"}""";

        Response first = as(episode.reporter(1)).header("Idempotency-Key", "resp-" + episode.id + "-1").body(body)
                .post("/episodes/{id}/responses", episode.id);
        first.then().statusCode(201).header("ETag", "\"1\"").body("departmentCode", equalTo(episode.unit(1)))
                .body("departmentName", equalTo("成员单位" + episode.unit(1)))
                // the stale revision 1 sent after the upgrade did not take the copy back to yellow
                .body("level", equalTo("ORANGE")).body("day", equalTo("2026-12-03"));
        String id = first.jsonPath().getString("id");
        assertThat(first.header("Location")).endsWith("/episodes/" + episode.id + "/responses/" + id);
        as(episode.reporter(1)).header("Idempotency-Key", "resp-" + episode.id + "-1").body(body)
                .post("/episodes/{id}/responses", episode.id).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        as(episode.reporter(1)).body(body).post("/episodes/{id}/responses", episode.id).then().statusCode(409)
                .contentType("application/problem+json");

        String corrected = body.replace("\"value\":28", "\"value\":30").replace("]", ",{\"name\":\"渣土车查处数\",\"value\":4}]");
        as(episode.reporter(1)).body(corrected).put("/episodes/{id}/responses/{rid}", episode.id, id).then().statusCode(428);
        as(episode.reporter(1)).header("If-Match", "\"1\"").body(corrected)
                .put("/episodes/{id}/responses/{rid}", episode.id, id).then().statusCode(200).header("ETag", "\"2\"")
                .body("quantities.value", equalTo(List.of(35, 30, 4)));
        as(episode.reporter(1)).header("If-Match", "\"1\"").body(corrected)
                .put("/episodes/{id}/responses/{rid}", episode.id, id).then().statusCode(412);
        as(episode.reporter(2)).header("If-Match", "\"2\"").body(corrected)
                .put("/episodes/{id}/responses/{rid}", episode.id, id).then().statusCode(403);
        as(episode.reporter(1)).header("If-Match", "\"2\"").body(corrected.replace("2026-12-03", "2026-12-04"))
                .put("/episodes/{id}/responses/{rid}", episode.id, id).then().statusCode(422)
                .body("errors[0].field", equalTo("day"));

        // A photo of the day, as a report's evidence: stored with the response, counted, its revision raised.
        byte[] png = new byte[120];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, png, 0, 8);
        for (int send = 0; send < 2; send++) {
            given().header("Authorization", episode.reporter(1)).header("Idempotency-Key", "photo-" + id)
                    .header("X-File-Name", "%E5%81%9C%E5%B7%A5%E5%B7%A5%E5%9C%B0.png").contentType("image/png").body(png)
                    .post("/episodes/{id}/responses/{rid}/evidence", episode.id, id).then().statusCode(201)
                    .body("responseRevision", equalTo(3)).body("fileName", equalTo("停工工地.png"));
        }
        given().header("Authorization", episode.reporter(2)).header("X-File-Name", "x.png").contentType("image/png").body(png)
                .post("/episodes/{id}/responses/{rid}/evidence", episode.id, id).then().statusCode(403);
        given().header("Authorization", episode.reporter(1)).header("X-File-Name", "x.png").contentType("image/png")
                .body(new byte[] { 1, 2, 3 }).post("/episodes/{id}/responses/{rid}/evidence", episode.id, id).then().statusCode(415);
        var photos = as(episode.reporter(1)).get("/episodes/{id}/responses/{rid}/evidence", episode.id, id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(photos.getList("id")).hasSize(1);
        byte[] downloaded = given().header("Authorization", SUPERVISOR)
                .get("/episodes/{id}/responses/{rid}/evidence/{eid}", episode.id, id, photos.getString("[0].id")).then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(downloaded).isEqualTo(png);
        as(episode.reporter(2)).get("/episodes/{id}/responses/{rid}/evidence", episode.id, id).then().statusCode(403);

        var events = EventReader.awaitRecords(EpisodeResponseEvents.TOPIC, record -> episode.id.equals(record.key()), 2,
                Duration.ofSeconds(30));
        assertThat(events).extracting(record -> EventReader.header(record, "ce_type").orElse(""))
                .containsOnly(EpisodeResponseEvents.RESPONSE_SUBMITTED.eventType());
        EpisodeResponseSubmitted latest = EventWriter.JSON.readValue(events.get(1).value(), EpisodeResponseSubmitted.class);
        assertThat(latest.revision()).isEqualTo(2);
        assertThat(latest.day()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(latest.firstSubmittedAt()).isEqualTo(clock.now());
        assertThat(latest.quantities()).extracting(EpisodeResponseSubmitted.Quantity::name)
                .containsExactly("检查工地数", "停工工地数", "渣土车查处数");

        // Day 2 and an item outside the episode from an offline queue; sent twice.
        clock.setTo(episode.start.plus(Duration.ofHours(34)));
        String batch = """
                {"items":[{"clientReference":"q-%1$s-1","response":{"day":"2026-12-04","quantities":[{"name":"检查工地数","value":40}]}},
                          {"clientReference":"q-%1$s-2","response":{"day":"2026-12-05","narrative":"明天的"}}]}""".formatted(episode.id);
        for (int send = 0; send < 2; send++) {
            var results = as(episode.reporter(1)).body(batch).post("/episodes/{id}/responses/batch", episode.id).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(results.getInt("items[0].status")).isEqualTo(send == 0 ? 201 : 200);
            assertThat(results.getString("items[0].response.day")).isEqualTo("2026-12-04");
            assertThat(results.getInt("items[1].status")).isEqualTo(422);
            assertThat(results.getString("items[1].problem.errors[0].field")).isEqualTo("items[1].response.day");
        }

        var all = given().header("Authorization", SUPERVISOR).get("/episodes/{id}/responses", episode.id).then()
                .statusCode(200).extract().jsonPath();
        assertThat(all.getList("day", String.class)).containsExactly("2026-12-03", "2026-12-04");
        assertThat(as(episode.reporter(2)).get("/episodes/{id}/responses", episode.id).then().statusCode(200)
                .extract().jsonPath().getList("$")).isEmpty();
        as(episode.reporter(2)).queryParam("department", episode.unit(1)).get("/episodes/{id}/responses", episode.id)
                .then().statusCode(403);
        as(episode.reporter(1)).get("/episodes/{id}/responses/{rid}", episode.id, id).then().statusCode(200)
                .header("ETag", "\"3\"").body("evidenceCount", equalTo(1));
    }

    @Test
    void refusesBadInputNamingTheFieldAndWritesNothing() throws Exception {
        Episode episode = new Episode();
        episode.activateThenUpgrade();
        clock.setTo(episode.start.plus(Duration.ofHours(30)));

        refused(episode.reporter(1), episode.id, "{\"day\":\"2026-12-02\"}", 422, "day");
        refused(episode.reporter(1), episode.id, "{\"day\":\"2026-12-05\"}", 422, "day");
        refused(episode.outsider(), episode.id, "{\"day\":\"2026-12-03\"}", 422, "departmentCode");
        refused(episode.reporter(1), episode.id, "{\"day\":\"2026-12-03\",\"quantities\":[{\"name\":\"检查工地数\",\"value\":1},{\"name\":\"植树棵数\",\"value\":3}]}",
                422, "quantities[1].name");
        refused(episode.reporter(1), episode.id, "{\"day\":\"2026-12-03\",\"quantities\":[{\"name\":\"检查工地数\",\"value\":1},{\"name\":\"检查工地数\",\"value\":3}]}",
                422, "quantities[1].name");
        // A unit without report items files a narrative only.
        refused(episode.reporter(2), episode.id, "{\"day\":\"2026-12-03\",\"quantities\":[{\"name\":\"检查工地数\",\"value\":1}]}",
                422, "quantities[0].name");
        refused(episode.reporter(1), episode.id, "{\"day\":\"2026-12-03\",\"quantities\":[{\"name\":\"检查工地数\",\"value\":-1}]}",
                400, "quantities[0].value");
        refused(episode.reporter(1), episode.id, "{\"day\":\"12/03/2026\"}", 400, "day");
        refused(episode.reporter(1), episode.id, "{\"quantities\":[]}", 400, "day");
        as(episode.reporter(1)).body("{\"departmentCode\":\"" + episode.unit(2) + "\",\"day\":\"2026-12-03\"}")
                .post("/episodes/{id}/responses", episode.id).then().statusCode(403);
        as(episode.reporter(1)).body("{\"day\":\"2026-12-03\"}").post("/episodes/{id}/responses", UUID.randomUUID())
                .then().statusCode(404);

        // After the lifting on day 3 (08:00), days up to the lifting's are still days of the episode; later ones are not.
        episode.lift(episode.start.plus(Duration.ofDays(2)));
        clock.setTo(episode.start.plus(Duration.ofDays(4)));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(episode.lifted));
        refused(episode.reporter(1), episode.id, "{\"day\":\"2026-12-06\"}", 422, "day");
        assertThat(given().header("Authorization", SUPERVISOR).get("/episodes/{id}/responses", episode.id).then()
                .statusCode(200).extract().jsonPath().getList("$")).isEmpty();
        as(episode.reporter(2)).body("{\"day\":\"2026-12-05\",\"narrative\":\"补报\"}").post("/episodes/{id}/responses", episode.id)
                .then().statusCode(201);
    }

    /** Whether the episode consumer has applied (or skipped as a repeat) the event: it is then in processed_event. */
    private boolean processed(UUID eventId) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("select count(*) from processed_event where consumer = 'progress-episodes' and event_id = ?")) {
            query.setObject(1, eventId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    private static void refused(String token, String episodeId, String body, int status, String field) {
        as(token).body(body).post("/episodes/{id}/responses", episodeId).then().statusCode(status)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }

    /** An episode of two member units, from 2026-12-03 08:00 (Beijing), yellow, upgraded to orange on day 2. */
    private final class Episode {
        final String id = UUID.randomUUID().toString();
        final String prefix = "EPR" + id.substring(0, 6).toUpperCase() + "-";
        final Instant start = LocalDate.of(2026, 12, 3).atStartOfDay(clock.zone()).plusHours(8).toInstant();
        UUID stale;

        String unit(int n) {
            return prefix + n;
        }

        String reporter(int n) {
            return "Bearer " + Tokens.token(Set.of("reporter"), unit(n), "reporter-" + n);
        }

        String outsider() {
            return "Bearer " + Tokens.token(Set.of("reporter"), prefix + "X", "reporter-x");
        }

        void activateThenUpgrade() {
            EpisodeState yellow = state(1, EpisodeEvents.ACTIVATED, WarningLevel.YELLOW, null, List.of("检查工地数", "停工工地数"));
            EpisodeState orange = state(2, EpisodeEvents.LEVEL_CHANGED, WarningLevel.ORANGE, null, List.of("检查工地数", "停工工地数", "渣土车查处数"));
            UUID activation = UUID.randomUUID();
            try (var writer = new EventWriter("/ecoplan/plan-service")) {
                writer.send(activation, EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, id, EpisodeEvents.ACTIVATED.eventType(), yellow);
                writer.send(activation, EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, id, EpisodeEvents.ACTIVATED.eventType(), yellow);
                writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, id, EpisodeEvents.LEVEL_CHANGED.eventType(), orange);
                // Stale: revision 1 again under a new event id, after the upgrade; the last record of the key.
                stale = writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, id, EpisodeEvents.ACTIVATED.eventType(), yellow);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> processed(stale));
        }

        UUID lifted;

        void lift(Instant liftedAt) {
            EpisodeState lifted = new EpisodeState(id, 3, EpisodeEvents.LIFTED.name(), WarningLevel.ORANGE, WarningLevel.ORANGE.chineseName(),
                    null, "CITY", "空气质量好转", start, start.plus(Duration.ofDays(3)), liftedAt, liftedAt, "city-aqi-system", 1, List.of());
            try (var writer = new EventWriter("/ecoplan/plan-service")) {
                this.lifted = writer.send(EpisodeEvents.TOPIC, EpisodeEvents.AGGREGATE_TYPE, id, EpisodeEvents.LIFTED.eventType(), lifted);
            }
        }

        private EpisodeState state(long revision, EpisodeEvents change, WarningLevel level, WarningLevel previous, List<String> items) {
            List<EpisodeState.MemberDuties> members = List.of(
                    new EpisodeState.MemberDuties(unit(1), "成员单位" + unit(1), List.of(new EpisodeState.Duty(WarningLevel.YELLOW, "停止土石方作业", items))),
                    new EpisodeState.MemberDuties(unit(2), "成员单位" + unit(2), List.of()));
            return new EpisodeState(id, revision, change.name(), level, level.chineseName(), previous, "CITY", "重污染过程", start,
                    start.plus(Duration.ofDays(3)), null, start, "city-aqi-system", 1, members);
        }
    }
}
