package org.ecoplan.notification.webhook.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.notification.webhook.WebhookAttempt;
import org.ecoplan.notification.webhook.WebhookDelivery;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.notification.webhook.WebhookService;
import org.ecoplan.notification.webhook.WebhookSubscription;

import com.fasterxml.jackson.annotation.JsonInclude;

/** REST bodies of the webhook API (the subscription request is the domain's: {@code webhook.SubscriptionRequest}). */
public final class WebhookViews {

    private WebhookViews() {
    }

    @Schema(name = "WebhookSubscription")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(UUID id, String owner, String url, @Schema(nullable = true) String description,
            List<WebhookEvent.Category> eventTypes, @Schema(nullable = true) String departmentCode, @Schema(nullable = true) String planId, boolean enabled,
            @Schema(nullable = true) String disabledReason, int consecutiveFailures, Instant createdAt) {

        static SubscriptionView of(WebhookSubscription s) {
            return new SubscriptionView(s.id, s.owner, s.url, s.description, List.copyOf(s.categories()), s.departmentCode,
                    s.planId, s.enabled, s.disabledReason, s.consecutiveFailures, s.createdAt);
        }
    }

    @Schema(name = "CreatedWebhookSubscription", description = "The subscription and its signing secret, shown only this once")
    public record CreatedSubscription(SubscriptionView subscription,
            @Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

        static CreatedSubscription of(WebhookService.Created created) {
            return new CreatedSubscription(SubscriptionView.of(created.subscription()), created.secret());
        }
    }

    @Schema(name = "WebhookDelivery")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(UUID id, UUID subscriptionId, UUID eventId, String eventType,
            WebhookDelivery.Status status, int attempts, @Schema(nullable = true) Instant nextAttemptAt, @Schema(nullable = true) Instant lastAttemptAt,
            @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) String lastError, Instant createdAt, @Schema(nullable = true) Instant deliveredAt,
            @Schema(nullable = true, description = "Only in the single-delivery view") List<AttemptView> log) {

        /** Without its attempts, as in a list. */
        static DeliveryView of(WebhookDelivery d) {
            return of(d, null);
        }

        static DeliveryView of(WebhookService.DeliveryLog log) {
            return of(log.delivery(), log.attempts().stream().map(AttemptView::of).toList());
        }

        private static DeliveryView of(WebhookDelivery d, List<AttemptView> log) {
            return new DeliveryView(d.id, d.subscriptionId, d.eventId, d.eventType, d.status, d.attempts, d.nextAttemptAt,
                    d.lastAttemptAt, d.lastStatusCode, d.lastError, d.createdAt, d.deliveredAt, log);
        }
    }

    @Schema(name = "WebhookAttempt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, Instant attemptedAt, @Schema(nullable = true) Integer statusCode, @Schema(nullable = true) String error, int durationMs) {

        static AttemptView of(WebhookAttempt a) {
            return new AttemptView(a.attempt, a.attemptedAt, a.statusCode, a.error, a.durationMs);
        }
    }
}
