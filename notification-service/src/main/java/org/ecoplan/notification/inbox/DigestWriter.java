package org.ecoplan.notification.inbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.notification.inbox.InboxStore.Held;
import org.ecoplan.notification.inbox.InboxWriter.NewMessage;
import org.ecoplan.web.clock.BusinessClock;

/**
 * Folds the alerts held for inboxes that take a daily digest into one message per inbox, for every day
 * before today, on the supervision tick. The held messages are marked in the same transaction, so a digest
 * is written once.
 */
@ApplicationScoped
public class DigestWriter {

    private final InboxStore store;
    private final InboxWriter inboxes;
    private final BusinessClock clock;

    DigestWriter(InboxStore store, InboxWriter inboxes, BusinessClock clock) {
        this.store = store;
        this.inboxes = inboxes;
        this.clock = clock;
    }

    /** @return digests written */
    @Transactional(TxType.MANDATORY)
    public int writeDue(LocalDate today) {
        Map<Audience, List<Held>> byInbox = store.heldBefore(today);
        if (byInbox.isEmpty()) {
            return 0;
        }
        Instant now = clock.now();
        Map<UUID, UUID> digestOf = new LinkedHashMap<>();
        for (var inbox : byInbox.entrySet()) {
            UUID digestId = UUID.randomUUID();
            StringBuilder body = new StringBuilder();
            for (Held held : inbox.getValue()) {
                body.append("- [").append(held.severity()).append("] ").append(held.title()).append('\n');
                digestOf.put(held.id(), digestId);
            }
            inboxes.deliverNotice(new NewMessage(digestId, null, inbox.getKey(), MessageKind.DIGEST, null, null, null,
                    "每日督办摘要 " + today + "：" + inbox.getValue().size() + " 条提醒 / daily digest",
                    body.toString(), today, now, false));
        }
        store.markDigested(digestOf);
        return byInbox.size();
    }
}
