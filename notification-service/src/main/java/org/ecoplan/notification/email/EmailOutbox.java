package org.ecoplan.notification.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.notification.email.EmailStore.NewEmail;
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

    private final EmailStore store;
    private final EmailConfig config;
    private final BusinessClock clock;

    EmailOutbox(EmailStore store, EmailConfig config, BusinessClock clock) {
        this.store = store;
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
        List<NewEmail> emails = new ArrayList<>();
        for (NewMessage message : messages) {
            address(message.audience()).ifPresent(address -> emails.add(new NewEmail(message.id(), address, message.title(),
                    message.body())));
        }
        store.queue(emails, clock.now());
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
