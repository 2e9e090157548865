package org.ecoplan.notification.inbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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

    private final InboxStore store;
    private final Event<MessagesWritten> written;

    InboxWriter(InboxStore store, Event<MessagesWritten> written) {
        this.store = store;
        this.written = written;
    }

    /**
     * An alert's messages, one per audience: those whose audience takes a daily digest instead are kept for it
     * ({@code heldForDigest}), the others are in the inbox (and e-mailed) at once.
     */
    @Transactional(TxType.MANDATORY)
    public void deliver(List<NewMessage> messages) {
        Set<Audience> digestTakers = store.digestTakers();
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
        List<NewMessage> written = store.insertNew(messages).stream().filter(message -> !message.heldForDigest()).toList();
        // In this transaction: the e-mail package queues the owners' e-mails (observes the event).
        this.written.fire(new MessagesWritten(written));
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
