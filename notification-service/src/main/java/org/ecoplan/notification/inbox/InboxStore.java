package org.ecoplan.notification.inbox;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.notification.inbox.InboxWriter.NewMessage;

/**
 * The inbox messages as {@link InboxWriter} and {@link DigestWriter} write them, in the caller's transaction. Plain
 * SQL because a message is written once by the insert itself (ON CONFLICT DO NOTHING on alert, box and owner, in one
 * batch, whose counts say which were new) and digests are folded over many rows.
 */
@ApplicationScoped
class InboxStore {

    private static final String INSERT = """
            insert into inbox_message (id, alert_id, box, owner, kind, rule, severity, subject_id, title, body,
                                       business_date, created_at, held_for_digest)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (alert_id, box, owner) do nothing""";
    private static final String DIGEST_TAKERS = "select box, owner from inbox_preference where delivery = 'DAILY_DIGEST'";
    private static final String HELD = """
            select box, owner, id, severity, title from inbox_message
            where held_for_digest and digest_id is null and business_date < ?
            order by box, owner, business_date, created_at""";
    private static final String MARK = "update inbox_message set digest_id = ? where id = ?";

    private final DataSource dataSource;

    InboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the messages an inbox does not hold yet; @return those, in the given order. */
    @Transactional(TxType.MANDATORY)
    List<NewMessage> insertNew(List<NewMessage> messages) {
        List<NewMessage> inserted = new ArrayList<>();
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
                if (counts[i] == 1) {
                    inserted.add(messages.get(i));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write " + messages.size() + " inbox message(s)", e);
        }
        return inserted;
    }

    /** The inboxes that take a daily digest instead of each alert. */
    @Transactional(TxType.MANDATORY)
    Set<Audience> digestTakers() {
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

    /** The messages held for a digest and not folded into one yet, of days before {@code day}, per inbox in order. */
    @Transactional(TxType.MANDATORY)
    Map<Audience, List<Held>> heldBefore(LocalDate day) {
        Map<Audience, List<Held>> byInbox = new LinkedHashMap<>();
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(HELD)) {
            query.setDate(1, Date.valueOf(day));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    byInbox.computeIfAbsent(new Audience(Audience.Box.valueOf(rows.getString(1)), rows.getString(2)),
                            inbox -> new ArrayList<>()).add(new Held(rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the messages held for digests", e);
        }
        return byInbox;
    }

    /** Marks held messages as folded into their digest (held message id → digest id). */
    @Transactional(TxType.MANDATORY)
    void markDigested(Map<UUID, UUID> digestOf) {
        if (digestOf.isEmpty()) {
            return;
        }
        try (var connection = dataSource.getConnection(); var mark = connection.prepareStatement(MARK)) {
            for (var held : digestOf.entrySet()) {
                mark.setObject(1, held.getValue());
                mark.setObject(2, held.getKey());
                mark.addBatch();
            }
            mark.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot mark " + digestOf.size() + " message(s) as digested", e);
        }
    }

    /** A message held for a digest. */
    record Held(UUID id, String severity, String title) {
    }
}
