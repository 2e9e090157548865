package org.ecoplan.notification.inbox;

import java.util.List;

import org.ecoplan.notification.inbox.InboxWriter.NewMessage;

/**
 * Inbox messages just written (not held for a digest). Fired synchronously inside the writing transaction, so that
 * whatever else a message sets off (an e-mail queued for its owner) commits with it or not at all; the e-mail
 * package observes it, and the inbox stays below it.
 */
public record MessagesWritten(List<NewMessage> messages) {

    public MessagesWritten {
        messages = List.copyOf(messages);
    }
}
