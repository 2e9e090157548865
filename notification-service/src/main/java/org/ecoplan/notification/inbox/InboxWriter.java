package org.ecoplan.notification.inbox;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

/**
 * Puts messages into inboxes, in the caller's transaction. An inbox that takes a daily digest gets the
 * alert held back (not listed, not mailed) until {@link DigestWriter} folds the day's alerts into one message.
 */
@ApplicationScoped
public class InboxWriter {

    private static final String INSERT = """
            insert into inbox_message (id, alert_id, box, owner, kind, rule, severity, subject_id, title, body,
                                       business_date, created_at, held_for_digest)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (alert_id, box, owner) do nothing""";
    private static final String DIGEST_TAKERS = "select box, owner from inbox_preference where delivery = 'DAILY_DIGEST'";

    private final DataSource dataSource;
    private final Event<MessagesWritten> written;

    InboxWriter(DataSource dataSource, Event<MessagesWritten> written) {
        this.dataSource = dataSource;
        this.written = written;
    }

    /**
     * An alert's messages, one per audience: those whose audience takes a daily digest instead are kept for it
     * ({@code heldForDigest}), the others are in the inbox (and e-mailed) at once.
     */
    @Transactional(TxType.MANDATORY)
    public void deliver(List<NewMessage> messages) {
        Set<Audience> digestTakers = digestTakers();
        write(messages.stream().map(message -> digestTakers.contains(message.audience()) ? message.heldBack() : message).toList());
    }

    /** A message that is not an alert's, e.g. a digest or a notice to a subscription's owner. */
    @Transactional(TxType.MANDATORY)
    public void deliverNotice(NewMessage message) {
        write(List.of(message));
    }

    private void write(List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<NewMessage> written = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(INSERT)) {
            for (NewMessage message : messages) {
                insert.setObject(1, message.id());
                insert.setObject(2, message.alertId());
                insert.setString(3, message.audience().box().name());
                insert.setString(4, message.audience().owner());
                insert.setString(5, message.kind().name());
                insert.setString(6, message.rule());
                insert.setString(7, message.severity());
                insert.setString(8, message.subjectId());
                insert.setString(9, message.title());
                insert.setString(10, message.body());
                insert.setDate(11, Date.valueOf(message.businessDate()));
                insert.setTimestamp(12, Timestamp.from(message.createdAt()));
                insert.setBoolean(13, message.heldForDigest());
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1 && !messages.get(i).heldForDigest()) {
                    written.add(messages.get(i));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write " + messages.size() + " inbox message(s)", e);
        }
        // In this transaction: the e-mail package queues the owners' e-mails (observes the event).
        this.written.fire(new MessagesWritten(written));
    }

    private Set<Audience> digestTakers() {
        Set<Audience> takers = new HashSet<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(DIGEST_TAKERS);
             var rows = query.executeQuery()) {
            while (rows.next()) {
                takers.add(new Audience(Audience.Box.valueOf(rows.getString(1)), rows.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read inbox preferences", e);
        }
        return takers;
    }

    /** A message to write; {@code alertId} is null for digests and notices. */
    public record NewMessage(UUID id, UUID alertId, Audience audience, MessageKind kind, String rule, String severity,
            String subjectId, String title, String body, LocalDate businessDate, Instant createdAt,
            boolean heldForDigest) {

        /** The same message, kept for the audience's daily digest. */
        NewMessage heldBack() {
            return new NewMessage(id, alertId, audience, kind, rule, severity, subjectId, title, body, businessDate, createdAt, true);
        }
    }
}
