package org.ecoplan.events.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.ecoplan.testing.EventWriter;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;

/**
 * A consumer that takes a poll's records together (TestBatchEventHandler, {@code batch=true}): the records of one
 * poll are applied in one transaction, a redelivered record is applied once, and one bad record neither stops the
 * consumer nor takes the good records of its poll with it.
 */
@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class BatchConsumptionTest {

    private static final Duration CONSUMED = Duration.ofSeconds(30);
    private static final int RECORDS = 12;

    @Inject
    DataSource dataSource;

    @Test
    void appliesAPollInOneTransactionAndARedeliveredBatchNotAgain() {
        String subject = "batch-" + UUID.randomUUID();
        List<UUID> sent = new ArrayList<>();
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            writer.together(() -> {
                for (int i = 0; i < RECORDS; i++) {
                    sent.add(send(writer, subject, i));
                }
                // The same event twice in one poll, as a producer's resend would put it.
                resend(writer, subject, sent.get(3));
            });
            await().atMost(CONSUMED).until(() -> TestEventHandler.applied(dataSource, subject).size() == RECORDS);

            // Redelivered, as after a crash before the offsets were committed: nothing is applied twice.
            UUID marker = UUID.randomUUID();
            writer.together(() -> {
                sent.subList(0, 6).forEach(id -> resend(writer, subject, id));
                sendWithId(writer, subject, marker, 99);
            });
            await().atMost(CONSUMED).until(() -> TestEventHandler.applied(dataSource, subject).containsKey(marker));
            sent.add(marker);
        }
        assertEquals(sent.stream().collect(Collectors.toMap(Function.identity(), id -> 1)),
                TestEventHandler.applied(dataSource, subject), "every event exactly once");
        Set<Long> transactions = new HashSet<>();
        sent.subList(0, RECORDS).forEach(id -> transactions.add(TestBatchEventHandler.TRANSACTIONS.get(id)));
        // One produce request is one record batch on the partition, fetched in one poll: one transaction (two if the
        // fetch split it), where one at a time took twelve.
        assertTrue(transactions.size() <= 2, RECORDS + " records sent together were applied in transactions " + transactions);
    }

    @Test
    void appliesTheGoodRecordsOfAPollAndSetsTheBadOnesAside() {
        String subject = "batch-mixed-" + UUID.randomUUID();
        String refused = "batch-refused-" + UUID.randomUUID();
        TestEventHandler.REFUSED.add(refused);
        List<UUID> good = new ArrayList<>();
        UUID[] bad = new UUID[2];
        try (EventWriter writer = new EventWriter("/ecoplan/events-test-producer", 0)) {
            // A poll whose transaction fails (a handler's bug, a value out of range): one record at a time.
            writer.together(() -> {
                good.add(send(writer, subject, 1));
                bad[0] = writer.send(TestBatchEventHandler.TOPIC, "value", refused, TestEventHandler.TYPE,
                        new TestEventHandler.ValueRecorded(refused, BigDecimal.ONE));
                good.add(send(writer, subject, 2));
                bad[1] = writer.send(TestBatchEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                        new TestEventHandler.ValueRecorded(subject, new BigDecimal("1E+15")));
                writer.send(TestBatchEventHandler.TOPIC, "value", subject, "test.value-recorded.v2",
                        Map.of("subject", subject, "value", 2, "unit", "%"));
                good.add(send(writer, subject, 3));
            });
            // A poll with a record that cannot even be read.
            writer.together(() -> {
                writer.sendRaw(TestBatchEventHandler.TOPIC, subject, "{\"subject\": \"" + subject + "\"}");
                good.add(send(writer, subject, 4));
            });
            await().atMost(CONSUMED).until(() -> TestEventHandler.applied(dataSource, subject).size() == good.size());

            // The consumer goes on.
            UUID next = send(writer, subject, 5);
            good.add(next);
            await().atMost(CONSUMED).until(() -> TestEventHandler.applied(dataSource, subject).containsKey(next));
        } finally {
            TestEventHandler.REFUSED.remove(refused);
        }
        assertEquals(good.stream().collect(Collectors.toMap(Function.identity(), id -> 1)),
                TestEventHandler.applied(dataSource, subject), "the good records, each once");
        List<Map<String, Object>> letters = letters();
        assertTrue(letters.stream().anyMatch(letter -> letter.get("eventId") == null && subject.equals(letter.get("key"))),
                "the unreadable record is set aside: " + letters);
        for (UUID id : bad) {
            assertTrue(letters.stream().anyMatch(letter -> id.toString().equals(letter.get("eventId"))),
                    id + " is set aside: " + letters);
        }
        assertEquals(3, letters.stream().filter(letter -> subject.equals(letter.get("key")) || refused.equals(letter.get("key")))
                .count(), "only the bad records: " + letters);
    }

    private static UUID send(EventWriter writer, String subject, int value) {
        UUID id = UUID.randomUUID();
        sendWithId(writer, subject, id, value);
        return id;
    }

    private static void sendWithId(EventWriter writer, String subject, UUID id, int value) {
        writer.send(id, TestBatchEventHandler.TOPIC, "value", subject, TestEventHandler.TYPE,
                new TestEventHandler.ValueRecorded(subject, BigDecimal.valueOf(value)));
    }

    private static void resend(EventWriter writer, String subject, UUID id) {
        sendWithId(writer, subject, id, -1);
    }

    private static List<Map<String, Object>> letters() {
        JsonPath page = given().header("Authorization", org.ecoplan.testing.Tokens.bearer("admin", null))
                .queryParam("consumer", TestBatchEventHandler.CONSUMER).queryParam("size", 500).get("/dead-letters")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }
}
