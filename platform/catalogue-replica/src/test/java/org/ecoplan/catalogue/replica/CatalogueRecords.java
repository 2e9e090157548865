package org.ecoplan.catalogue.replica;

import java.util.UUID;

import org.ecoplan.testing.EventWriter;

/**
 * Writes catalogue records to the real broker exactly as plan-service's relay does, but under the
 * test's control: the same event id twice, an older revision after a newer one.
 */
final class CatalogueRecords implements AutoCloseable {

    static final String TOPIC = "ecoplan.plan";

    /** One partition for all records of a test, so that they are consumed in the order sent. */
    private final EventWriter writer = new EventWriter("/ecoplan/plan-service", 0);

    /** @return the event id */
    UUID send(String aggregateType, String id, Object state) {
        UUID eventId = UUID.randomUUID();
        send(eventId, aggregateType, id, state);
        return eventId;
    }

    void send(UUID eventId, String aggregateType, String id, Object state) {
        String type = "plan." + aggregateType + (state == null ? "-removed.v1" : "-changed.v1");
        writer.send(eventId, TOPIC, aggregateType, id, type, state);
    }

    @Override
    public void close() {
        writer.close();
    }

    record Measure(String id, long revision, String name, String departmentCode) {
    }
}
