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
 * @param data raw JSON of the payload, {@code null} for a tombstone
 */
public record IncomingEvent(UUID id, String type, String source, String subject, Instant time, String key, String data) {

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        var headers = record.headers();
        String specVersion = required(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedEventException(
                    "Kafka record %s carries CloudEvents spec version %s; only 1.0 is understood"
                            .formatted(position(record), specVersion));
        }
        return new IncomingEvent(
                uuid(record, required(record, CloudEventHeaders.ID)),
                required(record, CloudEventHeaders.TYPE),
                required(record, CloudEventHeaders.SOURCE),
                CloudEventHeaders.read(headers, CloudEventHeaders.SUBJECT).orElse(null),
                CloudEventHeaders.read(headers, CloudEventHeaders.TIME).map(time -> instant(record, time)).orElse(null),
                record.key(),
                record.value());
    }

    public boolean isTombstone() {
        return data == null;
    }

    /** The data mapped to {@code type}; {@code null} for a tombstone. */
    public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(
                    "Data of event %s (%s) cannot be read as %s".formatted(id, this.type, type.getSimpleName()), e);
        }
    }

    private static String required(ConsumerRecord<String, String> record, String header) {
        return CloudEventHeaders.read(record.headers(), header)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new MalformedEventException(
                        "Kafka record %s lacks the CloudEvents header %s (binary mode expected)"
                                .formatted(position(record), header)));
    }

    private static UUID uuid(ConsumerRecord<String, String> record, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                    "Kafka record %s has ce_id '%s', which is not a UUID".formatted(position(record), id), e);
        }
    }

    private static Instant instant(ConsumerRecord<String, String> record, String time) {
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(
                    "Kafka record %s has ce_time '%s', which is not an RFC 3339 time".formatted(position(record), time), e);
        }
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
