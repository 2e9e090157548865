package org.ecoplan.catalogue.replica;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ecoplan.catalogue.replica.CatalogueRecords.Measure;
import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class CatalogueReplicaTest {

    private static final Duration CONSUMED = Duration.ofSeconds(20);

    @Inject
    CatalogueReplica replica;

    @Inject
    EventOutbox outbox;

    @Inject
    ObservedCatalogueChanges observedChanges;

    private final CatalogueRecords records = new CatalogueRecords();

    @AfterEach
    void closeProducer() {
        records.close();
    }

    @Test
    void replicatesWhatPlanServicesOutboxPublishes() {
        String measureId = UUID.randomUUID().toString();
        var measure = new Measure(measureId, 1, "加强秸秆综合利用", "YQ-NY");

        QuarkusTransaction.requiringNew().run(() -> outbox.record(
                new OutgoingEvent(CatalogueRecords.TOPIC, "measure", measureId, "plan.measure-changed.v1", measure)));

        await().atMost(CONSUMED).until(() -> replica.find("measure", measureId).isPresent());
        assertEquals(Optional.of(measure), replica.find("measure", measureId, Measure.class));
    }

    @Test
    void replacesAnEntityOnlyWithANewerRevision() {
        String measureId = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();

        records.send("measure", measureId, new Measure(measureId, 2, "第二版", "YQ-ST"));
        records.send("measure", measureId, new Measure(measureId, 1, "第一版（迟到）", "YQ-ST"));
        records.send("measure", marker, new Measure(marker, 1, "marker", "YQ-ST"));

        awaitPresent(marker);
        assertEquals(2L, replica.find("measure", measureId, Measure.class).orElseThrow().revision());
        assertEquals("第二版", replica.find("measure", measureId, Measure.class).orElseThrow().name());
    }

    @Test
    void removesAnEntityOnATombstone() {
        String measureId = UUID.randomUUID().toString();
        records.send("measure", measureId, new Measure(measureId, 1, "将被删除", "YQ-ST"));
        awaitPresent(measureId);
        long before = replica.count("measure");

        records.send("measure", measureId, null);

        await().atMost(CONSUMED).until(() -> replica.find("measure", measureId).isEmpty());
        assertEquals(before - 1, replica.count("measure"));
    }

    @Test
    void ignoresARedeliveredEvent() {
        // Without de-duplication the redelivered first event would bring the removed entity back.
        String measureId = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        UUID created = records.send("measure", measureId, new Measure(measureId, 1, "创建", "YQ-ST"));
        records.send("measure", measureId, null);

        records.send(created, "measure", measureId, new Measure(measureId, 1, "创建", "YQ-ST"));
        records.send("measure", marker, new Measure(marker, 1, "marker", "YQ-ST"));

        awaitPresent(marker);
        assertTrue(replica.find("measure", measureId).isEmpty());
    }

    @Test
    void announcesEachAppliedChangeButNotStaleOrRepeatedOnes() {
        String measureId = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        UUID first = records.send("measure", measureId, new Measure(measureId, 1, "第一版", "YQ-ST"));
        records.send(first, "measure", measureId, new Measure(measureId, 1, "第一版", "YQ-ST"));
        records.send("measure", measureId, new Measure(measureId, 2, "第二版", "YQ-ST"));
        records.send("measure", measureId, new Measure(measureId, 1, "第一版（迟到）", "YQ-ST"));
        records.send("measure", measureId, null);
        records.send("measure", marker, new Measure(marker, 1, "marker", "YQ-ST"));

        awaitPresent(marker);
        assertEquals(List.of(
                new CatalogueEntityChanged("measure", measureId, 1, false),
                new CatalogueEntityChanged("measure", measureId, 2, false),
                new CatalogueEntityChanged("measure", measureId, 0, true)), observedChanges.of(measureId));
    }

    @Test
    void findsEntitiesByContent() {
        String department = "TEST-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        records.send("measure", first, new Measure(first, 1, "甲", department));
        records.send("measure", second, new Measure(second, 1, "乙", department));
        records.send("task", UUID.randomUUID().toString(), new Measure("t", 1, "not a measure", department));

        await().atMost(CONSUMED).until(() -> replica.findContaining("measure", Map.of("departmentCode", department)).size() == 2);
        List<JsonNode> found = replica.findContaining("measure", Map.of("departmentCode", department));
        assertEquals(List.of(first, second).stream().sorted().toList(), found.stream().map(json -> json.get("id").asText()).toList());
    }

    @Test
    void reportsItsStatusOverRestAndInOpenApi() {
        String measureId = UUID.randomUUID().toString();
        records.send("measure", measureId, new Measure(measureId, 1, "状态", "YQ-ST"));
        awaitPresent(measureId);

        RestAssured.get("/catalogue/status").then()
                .statusCode(200)
                .body("entities.measure", greaterThanOrEqualTo(1))
                .body("lastUpdatedAt", notNullValue());
        RestAssured.given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/catalogue/status'.get", notNullValue());
    }

    private void awaitPresent(String measureId) {
        await().atMost(CONSUMED).until(() -> replica.find("measure", measureId).isPresent());
    }
}
