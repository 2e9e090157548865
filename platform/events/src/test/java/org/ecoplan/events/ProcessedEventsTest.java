package org.ecoplan.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

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

    private boolean firstDelivery(String consumer, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> processedEvents.firstDelivery(consumer, eventId));
    }
}
