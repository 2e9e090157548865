package org.ecoplan.notification.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook deliveries to integrators. */
@ConfigMapping(prefix = "ecoplan.webhooks")
public interface WebhookConfig {

    /** How often the dispatcher looks for due deliveries. */
    @WithDefault("5s")
    Duration dispatchInterval();

    /**
     * Networks (CIDR) an administrator allows although they are private, loopback or link-local, e.g.
     * {@code 127.0.0.0/8} in tests or an integrator's address on the office network. Empty: none.
     */
    Optional<List<String>> allowedNetworks();

    /**
     * Base64 of a 256-bit AES key that encrypts subscription secrets at rest (from the environment:
     * {@code ECOPLAN_WEBHOOKS_SECRET_ENCRYPTION_KEY}). Without it secrets are stored as they are, with a warning.
     */
    Optional<String> secretEncryptionKey();

    /** Pause after the first failed attempt; doubled after each further failure. */
    @WithDefault("30s")
    Duration initialBackoff();

    /** Longest pause between two attempts. */
    @WithDefault("6h")
    Duration maxBackoff();

    /** A delivery is retried until it is this old, then given up (FAILED; manual redelivery remains). */
    @WithDefault("26h")
    Duration retryFor();

    /** Failed attempts in a row (over all its deliveries) after which a subscription is disabled and its owner told. */
    @WithDefault("20")
    int disableAfterConsecutiveFailures();

    /** Timeout of one HTTP request, connection included. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Deliveries claimed per round of the dispatcher. */
    @WithDefault("20")
    int batchSize();
}
