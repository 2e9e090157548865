package org.ecoplan.notification.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.Transactional;

import org.ecoplan.events.EventOutbox;
import org.ecoplan.events.OutgoingEvent;
import org.ecoplan.notification.alert.events.AlertRaised;
import org.ecoplan.notification.alert.events.NotificationEvents;
import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.inbox.InboxWriter.NewMessage;
import org.ecoplan.notification.inbox.InboxWriter;
import org.ecoplan.notification.inbox.MessageKind;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.notification.webhook.WebhookFanOut;
import org.ecoplan.web.clock.BusinessClock;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Raises alerts exactly once. In the caller's transaction: the alert rows ({@link AlertStore}: ON CONFLICT DO NOTHING
 * on rule, subject and period), then for the new ones only their inbox messages (and e-mails), the
 * {@code notification.alert-raised.v1} events in the outbox and the webhook deliveries. A repeated
 * evaluation, a restart or a redelivered event therefore sends nothing twice. Once committed, new alerts are
 * counted per rule and severity ({@code ecoplan_alerts_raised_total{rule,severity}}).
 */
@ApplicationScoped
public class AlertService {

    private final AlertStore alerts;
    private final RaisedAlertKeys knownKeys;
    private final InboxWriter inboxes;
    private final EventOutbox outbox;
    private final WebhookFanOut webhooks;
    private final BusinessClock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry metrics;

    AlertService(AlertStore alerts, RaisedAlertKeys knownKeys, InboxWriter inboxes, EventOutbox outbox,
            WebhookFanOut webhooks, BusinessClock clock, TransactionSynchronizationRegistry transactions, MeterRegistry metrics) {
        this.metrics = metrics;
        this.alerts = alerts;
        this.knownKeys = knownKeys;
        this.inboxes = inboxes;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** @return the alerts that were new; the others existed already and sent nothing */
    @Transactional(TxType.MANDATORY)
    public List<RaisedAlert> raise(List<AlertDraft> drafts) {
        Map<String, AlertDraft> candidates = new LinkedHashMap<>();
        for (AlertDraft draft : drafts) {
            if (!knownKeys.known(draft.key())) {
                candidates.putIfAbsent(draft.key(), draft);
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<RaisedAlert> raised = insertNew(candidates.values());
        if (!raised.isEmpty()) {
            inboxes.deliver(messages(raised));
            List<UUID> eventIds = outbox.recordAll(raised.stream().map(AlertService::event).toList());
            List<WebhookEvent> forWebhooks = new ArrayList<>();
            for (int i = 0; i < raised.size(); i++) {
                AlertDraft draft = raised.get(i).draft();
                forWebhooks.add(new WebhookEvent(WebhookEvent.Category.NOTIFICATION, NotificationEvents.ALERT_RAISED,
                        eventIds.get(i), payload(raised.get(i)), draft.departments(), draft.planId()));
            }
            webhooks.enqueue(forWebhooks);
            raised.forEach(alert -> Log.infof("Raised %s %s for %s %s (%s), alert %s", alert.draft().severity(),
                    alert.draft().rule(), alert.draft().subjectType(), alert.draft().subjectId(), alert.draft().period(),
                    alert.id()));
        }
        List<String> settled = List.copyOf(candidates.keySet());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    knownKeys.rememberAll(settled);
                    raised.forEach(alert -> metrics.counter("ecoplan.alerts.raised", "rule", alert.draft().rule().name(),
                            "severity", alert.draft().severity().name()).increment());
                }
            }
        });
        return raised;
    }

    private List<RaisedAlert> insertNew(Collection<AlertDraft> drafts) {
        Instant now = clock.now();
        return alerts.insertNew(drafts.stream().map(draft -> new RaisedAlert(UUID.randomUUID(), draft, now)).toList());
    }

    private static OutgoingEvent event(RaisedAlert alert) {
        return new OutgoingEvent(NotificationEvents.TOPIC, NotificationEvents.AGGREGATE_TYPE,
                alert.draft().subjectId(), NotificationEvents.ALERT_RAISED, payload(alert));
    }

    static AlertRaised payload(RaisedAlert alert) {
        AlertDraft draft = alert.draft();
        return new AlertRaised(alert.id(), draft.rule().name(), draft.severity().name(), draft.subjectType().name(),
                draft.subjectId(), draft.period(), draft.planId(), draft.title(), draft.reason(), draft.departments(),
                draft.audiences().stream().map(audience -> audience.box() + ":" + audience.owner()).sorted().toList(),
                draft.businessDate(), alert.raisedAt());
    }

    /** Each alert's inbox message for each of its audiences. */
    private static List<NewMessage> messages(List<RaisedAlert> alerts) {
        List<NewMessage> messages = new ArrayList<>();
        for (RaisedAlert alert : alerts) {
            AlertDraft draft = alert.draft();
            for (Audience audience : draft.audiences()) {
                messages.add(new NewMessage(UUID.randomUUID(), alert.id(), audience, MessageKind.ALERT, draft.rule().name(),
                        draft.severity().name(), draft.subjectId(), draft.title(), body(draft), draft.businessDate(),
                        alert.raisedAt(), false));
            }
        }
        return messages;
    }

    private static String body(AlertDraft draft) {
        return draft.reason() + "\n\n[" + draft.severity() + " " + draft.rule() + " · " + draft.subjectType() + " "
                + draft.subjectId() + " · " + draft.period() + "]";
    }

}
