package org.ecoplan.notification.webhook;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Something integrators may subscribe to.
 *
 * @param eventId     the source event's id; a subscription gets each event once
 * @param data        the event's payload (a record or a JSON tree), sent as {@code data}
 * @param departments department codes the event concerns, for the subscription's department filter
 * @param planId      the plan it concerns, for the plan filter; {@code null} if none
 */
public record WebhookEvent(Category category, String eventType, UUID eventId, Object data, List<String> departments,
        String planId) {

    public WebhookEvent {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    /** What a subscription names in {@code eventTypes}. */
    public enum Category {
        PROGRESS,
        INDICATOR,
        NOTIFICATION;

        /** Integrators may write {@code progress} as well as {@code PROGRESS}. */
        @JsonCreator
        public static Category of(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }
}
