package org.ecoplan.events.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.ecoplan.testing.Tokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** One bad record never stops a consumer: it is set aside with its reason and the records behind it are applied. */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class EventConsumptionTest {

    private static final Duration CONSUMED = Duration.ofSeconds(30);
    private static final String ADMIN = Tokens.bearer("admin", null);

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Test
    void setsAsideWhatItCanNeverApplyIgnoresNewerTypesAndAppliesTheRest() {
        String subject = "subject-" + UUID.randomUUID();
        double deadLetteredBefore = counter("ecoplan.events.dead.lettered");
        UUID overflow;
        UUID newer;
        UUID tolerated;
        UUID good;
        // One partition: the records are consumed in the order sent, the good one last.
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            writer.sendRaw(TestEventHandler.TOPIC, subject, "{\"subject\": \"" + subject + "\"}");
            overflow = writer.send(TestEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                    new TestEventHandler.ValueRecorded(subject, new BigDecimal("1E+15")));
            newer = writer.send(TestEventHandler.TOPIC, "value", subject, "test.value-recorded.v2",
                    Map.of("subject", subject, "value", 2, "unit", "%"));
            // A field this version does not know, from a newer producer of the same type.
            tolerated = UUID.randomUUID();
            writer.sendJson(tolerated, TestEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                    "{\"subject\": \"" + subject + "\", \"value\": 3.5, \"addedLater\": {\"unit\": \"%\"}}");
            good = writer.send(TestEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                    new TestEventHandler.ValueRecorded(subject, new BigDecimal("97.6")));
        }

        await().atMost(CONSUMED).until(() -> TestEventHandler.applied(dataSource, subject).containsKey(good));
        assertEquals(Map.of(tolerated, 1, good, 1), TestEventHandler.applied(dataSource, subject));

        List<Map<String, Object>> letters = lettersOf(subject);
        assertEquals(2, letters.size(), "the unreadable and the overflowing record: " + letters);
        Map<String, Object> unreadable = letters.stream().filter(letter -> letter.get("eventId") == null).findFirst().orElseThrow();
        assertTrue(((String) unreadable.get("reason")).contains("lacks the CloudEvents header ce_specversion"), unreadable.toString());
        assertEquals("OPEN", unreadable.get("status"));
        Map<String, Object> overflowing = letters.stream().filter(letter -> overflow.toString().equals(letter.get("eventId")))
                .findFirst().orElseThrow();
        assertTrue(((String) overflowing.get("reason")).contains("numeric field overflow"), overflowing.toString());
        assertEquals(TestEventHandler.TYPE, overflowing.get("eventType"));
        assertTrue(((String) overflowing.get("value")).contains("1E+15") || ((String) overflowing.get("value")).contains("1.0E+15"),
                "the record's value as received: " + overflowing.get("value"));
        assertTrue(letters.stream().noneMatch(letter -> newer.toString().equals(letter.get("eventId"))),
                "a newer event type is not broken, only not for this version");

        assertEquals(deadLetteredBefore + 2, counter("ecoplan.events.dead.lettered"));
        assertTrue(metrics.find("ecoplan.events.ignored").tag("consumer", TestEventHandler.CONSUMER)
                .tag("type", "test.value-recorded.v2").counter().count() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.find("ecoplan.events.dead.letters.open")
                .tag("consumer", TestEventHandler.CONSUMER).gauge().value() >= 2);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'event-consumers' }.data.'events-test'", equalTo("running"));
    }

    @Test
    void retriesADeadLetterWithTodaysCodeAndDiscardsAnotherWithAReason() {
        String subject = "refused-" + UUID.randomUUID();
        String overflowSubject = "overflow-" + UUID.randomUUID();
        TestEventHandler.REFUSED.add(subject);
        UUID refused;
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            refused = writer.send(TestEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                    new TestEventHandler.ValueRecorded(subject, BigDecimal.ONE));
            writer.send(TestEventHandler.TOPIC, "value", overflowSubject, TestEventHandler.TYPE,
                    new TestEventHandler.ValueRecorded(overflowSubject, new BigDecimal("1E+15")));
        }
        await().atMost(CONSUMED).until(() -> lettersOf(overflowSubject).size() == 1);
        String refusedLetter = (String) lettersOf(subject).get(0).get("id");
        String overflowLetter = (String) lettersOf(overflowSubject).get(0).get("id");

        // Still failing: 422, and the letter stays open with one more attempt.
        given().header("Authorization", ADMIN).post("/dead-letters/" + refusedLetter + "/retry").then()
                .statusCode(422).contentType("application/problem+json").body("detail", containsString("cannot deal with subject"));
        given().header("Authorization", ADMIN).get("/dead-letters/" + refusedLetter).then()
                .statusCode(200).body("status", equalTo("OPEN")).body("attempts", equalTo(2));

        TestEventHandler.REFUSED.remove(subject);
        given().header("Authorization", ADMIN).post("/dead-letters/" + refusedLetter + "/retry").then()
                .statusCode(200).body("status", equalTo("RESOLVED")).body("resolvedBy", equalTo("admin@ecoplan.test"));
        assertEquals(Map.of(refused, 1), TestEventHandler.applied(dataSource, subject));
        given().header("Authorization", ADMIN).post("/dead-letters/" + refusedLetter + "/retry").then()
                .statusCode(409).contentType("application/problem+json");

        given().header("Authorization", ADMIN).contentType("application/json").body("{\"reason\": \" \"}")
                .post("/dead-letters/" + overflowLetter + "/discard").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"reason\": \"value was a typo, re-reported / 误填，已重新上报\"}")
                .post("/dead-letters/" + overflowLetter + "/discard").then()
                .statusCode(200).body("status", equalTo("DISCARDED")).body("resolution", containsString("typo"));
        given().header("Authorization", ADMIN).queryParam("consumer", TestEventHandler.CONSUMER).queryParam("status", "DISCARDED")
                .get("/dead-letters").then().statusCode(200).body("items.id", hasItem(overflowLetter));
    }

    @Test
    void letsOnlyAdministratorsSeeOrTouchDeadLetters() {
        String someId = UUID.randomUUID().toString();
        given().get("/dead-letters").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("reporter", "ENV")).get("/dead-letters").then()
                .statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("supervisor", null)).post("/dead-letters/" + someId + "/retry").then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer("integrator", null)).contentType("application/json")
                .body("{\"reason\": \"x\"}").post("/dead-letters/" + someId + "/discard").then().statusCode(403);
        given().header("Authorization", ADMIN).get("/dead-letters/" + someId).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN).queryParam("status", "LOST").get("/dead-letters").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    private double counter(String name) {
        var counter = metrics.find(name).tag("consumer", TestEventHandler.CONSUMER).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The consumer's dead letters whose record key is {@code subject}. */
    static List<Map<String, Object>> lettersOf(String subject) {
        JsonPath page = given().header("Authorization", ADMIN).queryParam("consumer", TestEventHandler.CONSUMER)
                .queryParam("size", 500).get("/dead-letters").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream().filter(item -> subject.equals(item.get("key"))).toList();
    }
}
