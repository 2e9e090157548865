package org.ecoplan.notification.email;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The e-mail queue, in the caller's transaction. Plain SQL because an inbox message is mailed once by the insert
 * itself (ON CONFLICT DO NOTHING on message and recipient) and a batch is claimed under {@code FOR UPDATE SKIP LOCKED}
 * with a lease, so that two senders never take the same e-mail.
 */
@ApplicationScoped
class EmailStore {

    private static final String INSERT = """
            insert into email_message (id, message_id, recipient, subject, body, status, attempts, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
            on conflict (message_id, recipient) do nothing""";
    private static final String CLAIM = """
            update email_message set next_attempt_at = ?
            where id in (select id from email_message where status = 'PENDING' and next_attempt_at <= ?
                         order by next_attempt_at limit ? for update skip locked)
            returning id, recipient, subject, body, attempts""";
    private static final String SENT = "update email_message set status = 'SENT', sent_at = ?, attempts = attempts + 1, next_attempt_at = null where id = ?";
    // The cast: a parameter inside CASE next to NULL is typed text, and PostgreSQL refused the whole statement.
    private static final String FAILED = """
            update email_message set attempts = attempts + 1, last_error = ?,
                   status = case when attempts + 1 >= ? then 'FAILED' else 'PENDING' end,
                   next_attempt_at = case when attempts + 1 >= ? then null else cast(? as timestamptz) end
            where id = ?""";

    private final DataSource dataSource;

    EmailStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues the e-mails, due at once, unless the message was queued for the recipient already. */
    @Transactional(TxType.MANDATORY)
    void queue(List<NewEmail> emails, Instant now) {
        if (emails.isEmpty()) {
            return;
        }
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(INSERT)) {
            for (NewEmail email : emails) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, email.messageId());
                insert.setString(3, email.recipient());
                insert.setString(4, email.subject());
                insert.setString(5, email.body());
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot queue e-mails", e);
        }
    }

    /** Claims up to {@code limit} due e-mails, pushing their next attempt out by {@code lease}. */
    @Transactional(TxType.MANDATORY)
    List<Waiting> claimDue(Instant now, Duration lease, int limit) {
        List<Waiting> claimed = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(CLAIM)) {
            statement.setTimestamp(1, Timestamp.from(now.plus(lease)));
            statement.setTimestamp(2, Timestamp.from(now));
            statement.setInt(3, limit);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Waiting(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getInt(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot claim e-mails", e);
        }
        return claimed;
    }

    @Transactional(TxType.MANDATORY)
    void markSent(UUID id, Instant sentAt) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(SENT)) {
            statement.setTimestamp(1, Timestamp.from(sentAt));
            statement.setObject(2, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the outcome of an e-mail", e);
        }
    }

    /** Counts a failed attempt: retried at {@code next}, or given up once it was the {@code maxAttempts}th. */
    @Transactional(TxType.MANDATORY)
    void markFailed(UUID id, String error, int maxAttempts, Instant next) {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(FAILED)) {
            statement.setString(1, error);
            statement.setInt(2, maxAttempts);
            statement.setInt(3, maxAttempts);
            statement.setTimestamp(4, Timestamp.from(next));
            statement.setObject(5, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the outcome of an e-mail", e);
        }
    }

    /** An inbox message's copy for one address. */
    record NewEmail(UUID messageId, String recipient, String subject, String body) {
    }

    /** A claimed e-mail. */
    record Waiting(UUID id, String recipient, String subject, String body, int attempts) {
    }
}
