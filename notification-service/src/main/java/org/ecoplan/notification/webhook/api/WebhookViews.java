package org.ecoplan.notification.webhook.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.ecoplan.notification.webhook.WebhookDelivery;
import org.ecoplan.notification.webhook.WebhookEvent;
import org.ecoplan.web.input.NotBlankWhenPresent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** REST bodies of the webhook API. */
public final class WebhookViews {

    private WebhookViews() {
    }

    @Schema(name = "WebhookSubscriptionRequest")
    public record SubscriptionRequest(
            @NotNull(message = "is required") @NotBlankWhenPresent @Size(max = 2000, message = "must be at most 2000 characters")
            @Schema(example = "https://integrator.example.org/ecoplan/hooks") String url,
            @Size(max = 500, message = "must be at most 500 characters") @NotBlankWhenPresent @Schema(example = "区大数据平台") String description,
            @NotEmpty(message = "name at least one of PROGRESS, INDICATOR, NOTIFICATION")
            @Schema(example = "[\"PROGRESS\", \"NOTIFICATION\"]") List<WebhookEvent.@NotNull Category> eventTypes,
            @Size(max = 100) @NotBlankWhenPresent @Schema(nullable = true, description = "Only events concerning this department", example = "ENV") String departmentCode,
            @Size(max = 100) @NotBlankWhenPresent @Schema(nullable = true, description = "Only events of this plan (id)") String planId) {
    }

    @Schema(name = "WebhookSubscription")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(UUID id, String owner, String url, @Schema(nullable = true) String description,
            List<WebhookEvent.Category> eventTypes, @Schema(nullable = true) String departmentCode, @Schema(nullable = true) String planId, boolean enabled,
            @Schema(nullable = true) String disabledReason, int consecutiveFailures, Instant createdAt) {
    }

    @Schema(name = "CreatedWebhookSubscription", description = "The subscription and its signing secret, shown only this once")
    public record CreatedSubscription(SubscriptionView subscription,
            @Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
    }

    @Schema(name = "WebhookDelivery")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(UUID id, UUID subscriptionId, UUID eventId, String eventType,
            WebhookDelivery.Status status, int attempts, @Schema(nullable = true) Instant nextAttemptAt, @Schema(nullable = true) Instant lastAttemptAt,
            @Schema(nullable = true) Integer lastStatusCode, @Schema(nullable = true) String lastError, Instant createdAt, @Schema(nullable = true) Instant deliveredAt,
            @Schema(nullable = true, description = "Only in the single-delivery view") List<AttemptView> log) {
    }

    @Schema(name = "WebhookAttempt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int attempt, Instant attemptedAt, @Schema(nullable = true) Integer statusCode, @Schema(nullable = true) String error, int durationMs) {
    }
}
