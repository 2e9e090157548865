package org.ecoplan.notification.email;


import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.InboxWriter.NewMessage;
import org.ecoplan.notification.inbox.MessagesWritten;
import org.ecoplan.web.clock.BusinessClock;

/**
 * Writes the e-mails for new inbox messages in the same transaction, so that a message is mailed if and
 * only if it exists; {@link EmailSender} talks to the SMTP server afterwards.
 */
@ApplicationScoped
public class EmailOutbox {

    private static final String INSERT = """
            insert into email_message (id, message_id, recipient, subject, body, status, attempts, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
            on conflict (message_id, recipient) do nothing""";

    private final DataSource dataSource;
    private final EmailConfig config;
    private final BusinessClock clock;

    EmailOutbox(DataSource dataSource, EmailConfig config, BusinessClock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    // Observed synchronously: the e-mails commit with the inbox messages they copy.
    void onMessagesWritten(@Observes MessagesWritten written) {
        enqueue(written.messages());
    }

    @Transactional(TxType.MANDATORY)
    public void enqueue(List<NewMessage> messages) {
        if (!config.enabled()) {
            return;
        }
        var now = Timestamp.from(clock.now());
        int queued = 0;
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement(INSERT)) {
            for (NewMessage message : messages) {
                Optional<String> address = address(message.audience());
                if (address.isEmpty()) {
                    continue;
                }
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, message.id());
                insert.setString(3, address.get());
                insert.setString(4, message.title());
                insert.setString(5, message.body());
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                insert.addBatch();
                queued++;
            }
            if (queued > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot queue e-mails", e);
        }
    }

    private Optional<String> address(Audience audience) {
        return switch (audience.box()) {
            case DEPARTMENT, DEPARTMENT_HEAD -> Optional.ofNullable(config.departments().get(audience.owner()));
            case SUPERVISORS -> config.supervisors();
            // No user directory here: users read their inbox.
            case USER -> Optional.empty();
        };
    }
}
