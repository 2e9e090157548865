package org.ecoplan.notification.inbox;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.notification.inbox.InboxWriter.NewMessage;
import org.ecoplan.web.clock.BusinessClock;

/**
 * Folds the alerts held for inboxes that take a daily digest into one message per inbox, for every day
 * before today, on the supervision tick. The held messages are marked in the same transaction, so a digest
 * is written once.
 */
@ApplicationScoped
public class DigestWriter {

    private static final String PENDING = """
            select box, owner, id, severity, title from inbox_message
            where held_for_digest and digest_id is null and business_date < ?
            order by box, owner, business_date, created_at""";
    private static final String MARK = "update inbox_message set digest_id = ? where id = ?";

    private final DataSource dataSource;
    private final InboxWriter inboxes;
    private final BusinessClock clock;

    DigestWriter(DataSource dataSource, InboxWriter inboxes, BusinessClock clock) {
        this.dataSource = dataSource;
        this.inboxes = inboxes;
        this.clock = clock;
    }

    /** @return digests written */
    @Transactional(TxType.MANDATORY)
    public int writeDue(LocalDate today) {
        Map<Audience, List<Held>> byInbox = new LinkedHashMap<>();
        try (var connection = dataSource.getConnection()) {
            try (var query = connection.prepareStatement(PENDING)) {
                query.setDate(1, Date.valueOf(today));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        byInbox.computeIfAbsent(new Audience(Audience.Box.valueOf(rows.getString(1)), rows.getString(2)),
                                inbox -> new ArrayList<>()).add(new Held(rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5)));
                    }
                }
            }
            if (byInbox.isEmpty()) {
                return 0;
            }
            Instant now = clock.now();
            try (var mark = connection.prepareStatement(MARK)) {
                for (var inbox : byInbox.entrySet()) {
                    UUID digestId = UUID.randomUUID();
                    StringBuilder body = new StringBuilder();
                    for (Held held : inbox.getValue()) {
                        body.append("- [").append(held.severity()).append("] ").append(held.title()).append('\n');
                        mark.setObject(1, digestId);
                        mark.setObject(2, held.id());
                        mark.addBatch();
                    }
                    inboxes.deliverNotice(new NewMessage(digestId, null, inbox.getKey(), MessageKind.DIGEST, null, null, null,
                            "每日督办摘要 " + today + "：" + inbox.getValue().size() + " 条提醒 / daily digest",
                            body.toString(), today, now, false));
                }
                mark.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the daily digests", e);
        }
        return byInbox.size();
    }

    private record Held(UUID id, String severity, String title) {
    }
}
