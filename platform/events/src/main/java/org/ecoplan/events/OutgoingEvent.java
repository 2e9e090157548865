package org.ecoplan.events;

import java.util.Objects;

/**
 * An event a service wants published, recorded through {@link EventOutbox} in the transaction that
 * changes the aggregate.
 *
 * @param topic         Kafka topic, one per domain, e.g. {@code ecoplan.plan}
 * @param aggregateType kind of aggregate, sent as the CloudEvents extension {@code aggregatetype}
 * @param aggregateId   the aggregate's id: Kafka key and CloudEvents subject, so that all events of one
 *                      aggregate land on one partition, in order, and compaction keeps its latest
 * @param type          CloudEvents type carrying its version, e.g. {@code plan.measure-changed.v1}
 * @param payload       serialized to JSON with the application's ObjectMapper; {@code null} is a
 *                      tombstone, which makes a compacted topic forget the key
 */
public record OutgoingEvent(String topic, String aggregateType, String aggregateId, String type, Object payload) {

    public OutgoingEvent {
        requireText(topic, "topic");
        requireText(aggregateType, "aggregateType");
        requireText(aggregateId, "aggregateId");
        requireText(type, "type");
    }

    public boolean isTombstone() {
        return payload == null;
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
