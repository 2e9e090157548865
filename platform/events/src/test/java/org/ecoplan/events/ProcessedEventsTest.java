package org.ecoplan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import jakarta.inject.Inject;

import org.ecoplan.testing.RealInfrastructureResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class ProcessedEventsTest {

    @Inject
    ProcessedEvents processedEvents;

    @Test
    void dropsTheSecondDeliveryOfAnEvent() {
        UUID eventId = UUID.randomUUID();

        assertTrue(firstDelivery("indicator-rollup", eventId));
        assertFalse(firstDelivery("indicator-rollup", eventId));
    }

    @Test
    void letsEveryConsumerSeeAnEventOnce() {
        UUID eventId = UUID.randomUUID();

        assertTrue(firstDelivery("indicator-rollup", eventId));
        assertTrue(firstDelivery("deadline-alerts", eventId));
    }

    @Test
    void forgetsADeliveryWhoseHandlingRolledBack() {
        UUID eventId = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            processedEvents.firstDelivery("indicator-rollup", eventId);
            throw new IllegalStateException("handling failed");
        }));

        assertTrue(firstDelivery("indicator-rollup", eventId));
    }

    @Test
    void handsOutARecordsEventOnceAndSkipsUnreadableRecords() {
        UUID eventId = UUID.randomUUID();
        var record = new ConsumerRecord<>("ecoplan.progress", 0, 7L, "measure-1", "{}");
        record.headers().add(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.bytes("1.0"));
        record.headers().add(CloudEventHeaders.ID, CloudEventHeaders.bytes(eventId.toString()));
        record.headers().add(CloudEventHeaders.SOURCE, CloudEventHeaders.bytes("/ecoplan/progress-service"));
        record.headers().add(CloudEventHeaders.TYPE, CloudEventHeaders.bytes("progress.report-submitted.v1"));
        var unreadable = new ConsumerRecord<>("ecoplan.progress", 0, 8L, "measure-1", "{}");

        assertEquals(Optional.of(eventId), firstDeliveryOf("indicator-rollup", record).map(IncomingEvent::id));
        assertEquals(Optional.empty(), firstDeliveryOf("indicator-rollup", record));
        assertEquals(Optional.empty(), firstDeliveryOf("indicator-rollup", unreadable));
    }

    private Optional<IncomingEvent> firstDeliveryOf(String consumer, ConsumerRecord<String, String> record) {
        return QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDeliveryOf(consumer, record));
    }

    private boolean firstDelivery(String consumer, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery(consumer, eventId));
    }
}
