package org.ecoplan.notification.supervision.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.EventJson;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.consumer.EventConsumer;
import org.ecoplan.events.consumer.EventConsumption;
import org.ecoplan.indicator.contract.BulletinPublished;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.IndicatorStatusChanged;
import org.ecoplan.indicator.contract.RollupChanged;
import org.ecoplan.indicator.contract.ScopeType;
import org.ecoplan.notification.alert.AlertService;
import org.ecoplan.notification.bulletin.BulletinMessages;
import org.ecoplan.notification.supervision.IndicatorRules;
import org.ecoplan.notification.supervision.IndicatorWatch;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.notification.webhook.WebhookFanOut;
import org.ecoplan.web.clock.BusinessClock;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/**
 * Indicator rules on {@code ecoplan.indicator}, the monthly bulletin's notices to the supervisors and lead
 * departments, and every indicator event to the webhook subscribers.
 */
@ApplicationScoped
public class IndicatorEventHandler implements EventConsumer {

    static final String CONSUMER = "notification-indicator";

    private final EventConsumption consumption;
    private final IndicatorWatch watch;
    private final IndicatorRules rules;
    private final AlertService alerts;
    private final WebhookFanOut webhooks;
    private final BusinessClock clock;
    private final EventJson json;
    private final BulletinMessages bulletins;

    IndicatorEventHandler(EventConsumption consumption, IndicatorWatch watch, IndicatorRules rules,
            AlertService alerts, WebhookFanOut webhooks, BusinessClock clock, EventJson json, BulletinMessages bulletins) {
        this.consumption = consumption;
        this.watch = watch;
        this.rules = rules;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.clock = clock;
        this.json = json;
        this.bulletins = bulletins;
    }

    // Blocking and not @Transactional for the same reasons as ProgressEventHandler.
    @Incoming("indicator")
    @Blocking
    public void handle(ConsumerRecord<String, String> record) {
        consumption.consume(this, record);
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public boolean understands(IncomingEvent event) {
        return !event.isTombstone() && IndicatorEvents.forEventType(event.type()).isPresent();
    }

    @Override
    public void apply(IncomingEvent event) {
        IndicatorEvents kind = IndicatorEvents.forEventType(event.type()).orElseThrow();
        List<String> departments = new ArrayList<>();
        String planId = null;
        if (kind == IndicatorEvents.INDICATOR_STATUS_CHANGED) {
            IndicatorStatusChanged change = json.read(event, IndicatorStatusChanged.class);
            if (watch.apply(change, clock.now())) {
                alerts.raise(rules.evaluate(change, clock.today()));
            } else {
                Log.debugf("Dropped indicator %s sequence %d as older, event %s", change.indicatorId(), change.sequence(), event.id());
            }
            if (change.leadDepartments() != null) {
                departments.addAll(change.leadDepartments());
            }
            if (change.cooperatingDepartments() != null) {
                departments.addAll(change.cooperatingDepartments());
            }
        } else if (kind == IndicatorEvents.BULLETIN_PUBLISHED) {
            BulletinPublished bulletin = json.read(event, BulletinPublished.class);
            bulletins.deliver(bulletin);
            if (bulletin.leadDepartments() != null) {
                departments.addAll(bulletin.leadDepartments());
            }
        } else if (kind == IndicatorEvents.ROLLUP_CHANGED) {
            RollupChanged rollup = json.read(event, RollupChanged.class);
            ScopeType scope = ScopeType.of(rollup.scopeType()).orElse(null);
            if (scope == ScopeType.DEPARTMENT) {
                departments.add(rollup.scopeId());
            } else if (scope == ScopeType.PLAN) {
                planId = rollup.scopeId();
            }
        }
        // AIR_QUALITY_DAY_CHANGED is only forwarded here: the episodes' assessment reads it with a group of its own.
        webhooks.enqueue(List.of(new WebhookEvent(WebhookEvent.Category.INDICATOR, event.type(), event.id(),
                json.tree(event), departments.stream().distinct().toList(), planId)));
    }
}
