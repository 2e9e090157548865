package org.ecoplan.notification.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.tracing.TraceContext;
import org.ecoplan.notification.webhook.WebhookDeliveryStore.NewDelivery;
import org.ecoplan.web.clock.BusinessClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns events into deliveries for the matching enabled subscriptions, in the transaction that handles the
 * event, so that an event is delivered at least once if and only if it was handled. The body is fixed here
 * (Standard Webhooks shape: {@code type}, {@code timestamp}, {@code data}) and signed at each attempt. The trace
 * context current here (the consumer's span, child of the event's producer) is kept with the delivery and sent with
 * each attempt as {@code traceparent}.
 */
@ApplicationScoped
public class WebhookFanOut {

    private final WebhookDeliveryStore store;
    private final ObjectMapper mapper;
    private final BusinessClock clock;
    private final SubscriptionFilters filters;

    WebhookFanOut(WebhookDeliveryStore store, ObjectMapper mapper, BusinessClock clock, SubscriptionFilters filters) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.filters = filters;
    }

    @Transactional(TxType.MANDATORY)
    public int enqueue(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<WebhookSubscription> subscriptions = WebhookSubscription.list("enabled", true);
        if (subscriptions.isEmpty()) {
            return 0;
        }
        Instant now = clock.now();
        TraceContext trace = TraceContext.current().orElse(null);
        // A group filter stands for the group's members as the catalogue names them now: read once per call.
        Map<String, Set<String>> filterDepartments = new HashMap<>();
        List<NewDelivery> deliveries = new ArrayList<>();
        for (WebhookEvent event : events) {
            String body = null;
            for (WebhookSubscription subscription : subscriptions) {
                Set<String> departments = subscription.departmentCode == null ? Set.of()
                        : filterDepartments.computeIfAbsent(subscription.departmentCode, filters::departmentsOf);
                if (!subscription.wants(event, departments)) {
                    continue;
                }
                body = body != null ? body : body(event, now);
                deliveries.add(new NewDelivery(subscription.id, event.eventId(), event.eventType(), body));
            }
        }
        store.queue(deliveries, now, trace);
        return deliveries.size();
    }

    private String body(WebhookEvent event, Instant now) {
        try {
            return mapper.writeValueAsString(new Body(event.eventType(), now.toString(), event.eventId(), event.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + event.eventType() + " " + event.eventId() + " as JSON", e);
        }
    }

    /** What a receiver gets. */
    record Body(String type, String timestamp, UUID eventId, Object data) {
    }
}
