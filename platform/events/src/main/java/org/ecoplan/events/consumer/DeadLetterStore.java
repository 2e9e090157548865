package org.ecoplan.events.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dead-letter table. Key, value and header values are kept as the exact bytes of the record (bytea and
 * base64), so that a record with any content, even a NUL character that a text column refuses, can be stored and
 * retried unchanged. Statements join the caller's transaction if there is one.
 */
@ApplicationScoped
class DeadLetterStore {

    private static final int REASON_MAX_LENGTH = 4000;
    private static final String COLUMNS = """
            id, consumer, topic, kafka_partition, record_offset, record_key, headers::text, value, event_id, event_type,
            reason, exception_class, first_failed_at, last_failed_at, attempts, status, resolved_at, resolved_by, resolution""";

    /** A record consumed again (before its offset was committed) adds its attempts to the same letter. */
    private static final String RECORD = """
            insert into dead_letter (id, consumer, topic, kafka_partition, record_offset, record_key, headers, value,
                                     event_id, event_type, reason, exception_class, first_failed_at, last_failed_at,
                                     attempts, status)
            values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, now(), now(), ?, 'OPEN')
            on conflict (consumer, topic, kafka_partition, record_offset) do update
            set attempts = dead_letter.attempts + excluded.attempts, last_failed_at = excluded.last_failed_at,
                reason = excluded.reason, exception_class = excluded.exception_class
            returning id, (xmax = 0) as inserted""";
    private static final String FIND = "select " + COLUMNS + " from dead_letter where id = ?";
    private static final String LOCK = "select " + COLUMNS + " from dead_letter where id = ? for update";
    private static final String RESOLVE = """
            update dead_letter set status = ?, resolved_at = now(), resolved_by = ?, resolution = ?
            where id = ? and status = 'OPEN'""";
    private static final String FAILED_AGAIN = """
            update dead_letter set attempts = attempts + 1, last_failed_at = now(), reason = ?, exception_class = ?
            where id = ?""";
    private static final String SUPERSEDE = """
            update dead_letter set status = 'SUPERSEDED', resolved_at = now(), resolved_by = ?, resolution = ?
            where consumer = ? and topic = ? and kafka_partition = ? and record_key = ? and record_offset < ?
              and status = 'OPEN'""";
    private static final String OPEN_COUNTS = "select consumer, count(*) from dead_letter where status = 'OPEN' group by consumer";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    DeadLetterStore(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** @return the letter's id, and whether this record was dead-lettered for the first time */
    Recorded record(String consumer, ConsumerRecord<String, String> record, UUID eventId, String eventType,
            Throwable failure, int attempts) {
        return run(RECORD, statement -> {
            statement.setObject(1, UUID.randomUUID());
            statement.setString(2, consumer);
            statement.setString(3, record.topic());
            statement.setInt(4, record.partition());
            statement.setLong(5, record.offset());
            statement.setBytes(6, bytes(record.key()));
            statement.setString(7, headersJson(record));
            statement.setBytes(8, bytes(record.value()));
            statement.setObject(9, eventId);
            statement.setString(10, eventType == null ? null : clip(printable(eventType), 200));
            statement.setString(11, reason(failure));
            statement.setString(12, clip(failure.getClass().getName(), 300));
            statement.setInt(13, attempts);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new Recorded(result.getObject(1, UUID.class), result.getBoolean(2));
            }
        });
    }

    record Recorded(UUID id, boolean first) {
    }

    Optional<DeadLetter> find(UUID id) {
        return one(FIND, id);
    }

    /** Locks the letter until the caller's transaction ends, so that two administrators do not retry it at once. */
    Optional<DeadLetter> lock(UUID id) {
        return one(LOCK, id);
    }

    /** @return {@code false} if the letter was no longer open */
    boolean resolve(UUID id, DeadLetterStatus status, String by, String resolution) {
        return run(RESOLVE, statement -> {
            statement.setString(1, status.name());
            statement.setString(2, clip(by, 200));
            statement.setString(3, resolution == null ? null : clip(printable(resolution), REASON_MAX_LENGTH));
            statement.setObject(4, id);
            return statement.executeUpdate() == 1;
        });
    }

    void failedAgain(UUID id, Throwable failure) {
        run(FAILED_AGAIN, statement -> {
            statement.setString(1, reason(failure));
            statement.setString(2, clip(failure.getClass().getName(), 300));
            statement.setObject(3, id);
            return statement.executeUpdate();
        });
    }

    /** Marks the open letters of this key that come before {@code offset} on its partition as superseded. */
    int supersede(String consumer, String topic, int partition, String key, long offset, String resolution) {
        return run(SUPERSEDE, statement -> {
            statement.setString(1, consumer);
            statement.setString(2, clip(printable(resolution), REASON_MAX_LENGTH));
            statement.setString(3, consumer);
            statement.setString(4, topic);
            statement.setInt(5, partition);
            statement.setBytes(6, bytes(key));
            statement.setLong(7, offset);
            return statement.executeUpdate();
        });
    }

    Map<String, Long> openCounts() {
        return run(OPEN_COUNTS, statement -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
            return counts;
        });
    }

    /** Newest first. */
    List<DeadLetter> page(String consumer, DeadLetterStatus status, long offset, int limit) {
        String sql = "select " + COLUMNS + " from dead_letter" + where(consumer, status)
                + " order by first_failed_at desc, id limit ? offset ?";
        return run(sql, statement -> {
            int next = bindFilter(statement, consumer, status);
            statement.setInt(next, limit);
            statement.setLong(next + 1, offset);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    letters.add(letter(result));
                }
            }
            return letters;
        });
    }

    long count(String consumer, DeadLetterStatus status) {
        return run("select count(*) from dead_letter" + where(consumer, status), statement -> {
            bindFilter(statement, consumer, status);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    /** The record as the consumer received it (header values are UTF-8 text, as every EcoPlan header is), to be applied again. */
    static ConsumerRecord<String, String> toRecord(DeadLetter letter) {
        var record = new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(), letter.key(), letter.value());
        for (DeadLetter.Header header : letter.headers()) {
            record.headers().add(header.name(), bytes(header.value()));
        }
        return record;
    }

    private static String where(String consumer, DeadLetterStatus status) {
        List<String> conditions = new ArrayList<>();
        if (consumer != null) {
            conditions.add("consumer = ?");
        }
        if (status != null) {
            conditions.add("status = ?");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static int bindFilter(PreparedStatement statement, String consumer, DeadLetterStatus status) throws SQLException {
        int index = 1;
        if (consumer != null) {
            statement.setString(index++, consumer);
        }
        if (status != null) {
            statement.setString(index++, status.name());
        }
        return index;
    }

    private Optional<DeadLetter> one(String sql, UUID id) {
        return run(sql, statement -> {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(letter(result)) : Optional.empty();
            }
        });
    }

    private DeadLetter letter(ResultSet result) throws SQLException {
        List<StoredHeader> stored;
        try {
            stored = mapper.readValue(result.getString(7), new TypeReference<List<StoredHeader>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Headers of dead letter " + result.getString(1) + " are unreadable", e);
        }
        List<DeadLetter.Header> headers = stored.stream()
                .map(header -> new DeadLetter.Header(header.name(), header.value() == null ? null
                        : new String(Base64.getDecoder().decode(header.value()), StandardCharsets.UTF_8)))
                .toList();
        return new DeadLetter(result.getObject(1, UUID.class), result.getString(2), result.getString(3), result.getInt(4),
                result.getLong(5), text(result.getBytes(6)), headers, text(result.getBytes(8)), result.getObject(9, UUID.class),
                result.getString(10), result.getString(11), result.getString(12), instant(result.getTimestamp(13)),
                instant(result.getTimestamp(14)), result.getInt(15), DeadLetterStatus.valueOf(result.getString(16)),
                instant(result.getTimestamp(17)), result.getString(18), result.getString(19));
    }

    private String headersJson(ConsumerRecord<String, String> record) {
        List<StoredHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new StoredHeader(printable(header.key()),
                    header.value() == null ? null : Base64.getEncoder().encodeToString(header.value())));
        }
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the headers of " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + " as JSON", e);
        }
    }

    /** A header as stored: the value's bytes in base64, so that any content survives jsonb. */
    record StoredHeader(String name, String value) {
    }

    private static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        if (root != failure && root.getMessage() != null && !reason.toString().contains(root.getMessage())) {
            reason.append(" — caused by ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
        }
        return clip(printable(reason.toString()), REASON_MAX_LENGTH);
    }

    /** PostgreSQL text cannot hold NUL: show it escaped. */
    private static String printable(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }

    private static String clip(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private <T> T run(String sql, Statement<T> work) {
        try (var connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.apply(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Dead-letter statement failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Statement<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }
}
