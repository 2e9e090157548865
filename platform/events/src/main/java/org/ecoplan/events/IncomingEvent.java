package org.ecoplan.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An event as a consumer receives it: the CloudEvents attributes read from the Kafka headers
 * (binary mode) and the data as raw JSON.
 *
 * @param aggregateType our extension attribute {@code aggregatetype}, {@code null} if the record has none
 * @param data          raw JSON of the payload, {@code null} for a tombstone
 * @param position      where the record is in Kafka, for logs and dead letters
 */
public record IncomingEvent(UUID id, String type, String source, String subject, Instant time, String aggregateType,
        String key, String data, Position position) {

    /** A record's place in Kafka, printed as {@code topic-partition@offset}. */
    public record Position(String topic, int partition, long offset) {

        public static Position of(ConsumerRecord<?, ?> record) {
            return new Position(record.topic(), record.partition(), record.offset());
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        var headers = record.headers();
        String specVersion = required(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException(
                    "Kafka record %s carries CloudEvents spec version %s; only 1.0 is understood"
                            .formatted(Position.of(record), specVersion));
        }
        return new IncomingEvent(
                uuid(record, required(record, CloudEventHeaders.ID)),
                required(record, CloudEventHeaders.TYPE),
                required(record, CloudEventHeaders.SOURCE),
                CloudEventHeaders.read(headers, CloudEventHeaders.SUBJECT).orElse(null),
                CloudEventHeaders.read(headers, CloudEventHeaders.TIME).map(time -> instant(record, time)).orElse(null),
                CloudEventHeaders.read(headers, CloudEventHeaders.AGGREGATE_TYPE).orElse(null),
                record.key(),
                record.value(),
                Position.of(record));
    }

    public boolean isTombstone() {
        return data == null;
    }

    /**
     * The data mapped to {@code type}; {@code null} for a tombstone. Read with {@link EventJson#mapper()}, which
     * ignores fields this version does not know (producers only ever add fields).
     */
    public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(
                    "Data of event %s (%s) cannot be read as %s: %s".formatted(id, this.type, type.getSimpleName(),
                            e.getOriginalMessage()), e);
        }
    }

    private static String required(ConsumerRecord<String, String> record, String header) {
        return CloudEventHeaders.read(record.headers(), header)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new MalformedEventException(
                        "Kafka record %s lacks the CloudEvents header %s (binary mode expected)"
                                .formatted(Position.of(record), header)));
    }

    private static UUID uuid(ConsumerRecord<String, String> record, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                    "Kafka record %s has ce_id '%s', which is not a UUID".formatted(Position.of(record), id), e);
        }
    }

    private static Instant instant(ConsumerRecord<String, String> record, String time) {
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(
                    "Kafka record %s has ce_time '%s', which is not an RFC 3339 time".formatted(Position.of(record), time), e);
        }
    }
}
