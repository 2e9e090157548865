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
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.notification.alert.AlertDraft;
import org.ecoplan.notification.alert.Audience;
import org.ecoplan.notification.alert.RaisedAlert;
import org.ecoplan.notification.email.EmailOutbox;

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
    private final EmailOutbox email;

    InboxWriter(DataSource dataSource, EmailOutbox email) {
        this.dataSource = dataSource;
        this.email = email;
    }

    @Transactional(TxType.MANDATORY)
    public void deliver(List<RaisedAlert> alerts) {
        Set<Audience> digestTakers = digestTakers();
        List<NewMessage> messages = new ArrayList<>();
        for (RaisedAlert alert : alerts) {
            AlertDraft draft = alert.draft();
            for (Audience audience : draft.audiences()) {
                messages.add(new NewMessage(UUID.randomUUID(), alert.id(), audience, MessageKind.ALERT, draft.rule().name(),
                        draft.severity().name(), draft.subjectId(), draft.title(), body(draft), draft.businessDate(),
                        alert.raisedAt(), digestTakers.contains(audience)));
            }
        }
        write(messages);
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
        email.enqueue(written);
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

    private static String body(AlertDraft draft) {
        return draft.reason() + "\n\n[" + draft.severity() + " " + draft.rule() + " · " + draft.subjectType() + " "
                + draft.subjectId() + " · " + draft.period() + "]";
    }

    /** A message to write; {@code alertId} is null for digests and notices. */
    public record NewMessage(UUID id, UUID alertId, Audience audience, MessageKind kind, String rule, String severity,
            String subjectId, String title, String body, LocalDate businessDate, Instant createdAt,
            boolean heldForDigest) {
    }
}
