package org.ecoplan.notification.supervision.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.ProcessedEvents;
import org.ecoplan.indicator.contract.IndicatorEvents;
import org.ecoplan.indicator.contract.IndicatorStatusChanged;
import org.ecoplan.indicator.contract.RollupChanged;
import org.ecoplan.notification.alert.AlertService;
import org.ecoplan.notification.supervision.IndicatorRules;
import org.ecoplan.notification.supervision.IndicatorWatch;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.notification.webhook.WebhookFanOut;
import org.ecoplan.web.clock.BusinessClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/** Indicator rules on {@code ecoplan.indicator}, and every indicator event to the webhook subscribers. */
@ApplicationScoped
public class IndicatorEventHandler {

    static final String CONSUMER = "notification-indicator";

    private final ProcessedEvents processedEvents;
    private final IndicatorWatch watch;
    private final IndicatorRules rules;
    private final AlertService alerts;
    private final WebhookFanOut webhooks;
    private final BusinessClock clock;
    private final ObjectMapper mapper;

    IndicatorEventHandler(ProcessedEvents processedEvents, IndicatorWatch watch, IndicatorRules rules,
            AlertService alerts, WebhookFanOut webhooks, BusinessClock clock, ObjectMapper mapper) {
        this.processedEvents = processedEvents;
        this.watch = watch;
        this.rules = rules;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.clock = clock;
        this.mapper = mapper;
    }

    // Blocking and transactional for the same reasons as ProgressEventHandler.
    @Incoming("indicator")
    @Blocking
    @Transactional
    public void handle(ConsumerRecord<String, String> record) {
        var delivered = processedEvents.firstDeliveryOf(CONSUMER, record);
        if (delivered.isEmpty()) {
            return;
        }
        IncomingEvent event = delivered.get();
        var kind = IndicatorEvents.forEventType(event.type());
        if (kind.isEmpty() || event.isTombstone()) {
            return;
        }
        try {
            List<String> departments = new ArrayList<>();
            String planId = null;
            if (kind.get() == IndicatorEvents.INDICATOR_STATUS_CHANGED) {
                IndicatorStatusChanged change = event.dataAs(IndicatorStatusChanged.class, mapper);
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
            } else {
                RollupChanged rollup = event.dataAs(RollupChanged.class, mapper);
                if ("DEPARTMENT".equals(rollup.scopeType())) {
                    departments.add(rollup.scopeId());
                } else if ("PLAN".equals(rollup.scopeType())) {
                    planId = rollup.scopeId();
                }
            }
            webhooks.enqueue(List.of(new WebhookEvent(WebhookEvent.Category.INDICATOR, event.type(), event.id(),
                    mapper.readTree(event.data()), departments.stream().distinct().toList(), planId)));
        } catch (MalformedEventException | JsonProcessingException e) {
            Log.errorf("Skipped indicator event %s (%s): %s", event.id(), event.type(), e.getMessage());
        }
    }
}
