package org.ecoplan.notification.alert;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecoplan.notification.inbox.Audience;
import org.ecoplan.notification.webhook.SubscriptionDisabled;
import org.ecoplan.web.clock.BusinessClock;

/** Tells a webhook subscription's owner that it was disabled ({@link AlertRule#WEBHOOK_DISABLED}), in the same transaction. */
@ApplicationScoped
class WebhookDisabledAlert {

    private final AlertService alerts;
    private final BusinessClock clock;

    WebhookDisabledAlert(AlertService alerts, BusinessClock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    void onDisabled(@Observes SubscriptionDisabled disabled) {
        String title = "Webhook 订阅已停用 / webhook subscription disabled: " + disabled.url();
        alerts.raise(List.of(new AlertDraft(AlertRule.WEBHOOK_DISABLED, AlertRule.WEBHOOK_DISABLED.defaultSeverity(),
                SubjectType.WEBHOOK_SUBSCRIPTION, disabled.subscriptionId().toString(), "disabled@" + disabled.at(), null,
                title, disabled.reason(), List.of(), Set.of(Audience.user(disabled.owner())), clock.today())));
    }
}
