package org.ecoplan.notification.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A webhook subscription was disabled after too many failed deliveries in a row. Fired synchronously inside the
 * transaction that disabled it; the alert package observes it and tells the subscription's owner, so that the
 * webhooks stay below the alerts that fan out through them.
 *
 * @param reason the Chinese and English explanation, with the last error
 */
public record SubscriptionDisabled(UUID subscriptionId, String owner, String url, String reason, Instant at) {
}
