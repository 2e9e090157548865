package org.ecoplan.notification.email;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * E-mail through SMTP (Quarkus Mailer, {@code quarkus.mailer.*}). Addresses are per department code; a
 * department without one gets inbox messages only.
 */
@ConfigMapping(prefix = "ecoplan.notification.email")
public interface EmailConfig {

    /** How often waiting e-mails are sent. */
    @WithDefault("10s")
    Duration sendInterval();

    /** Off in the local run: messages are still written to inboxes. */
    @WithDefault("false")
    boolean enabled();

    /** Department code → address, e.g. {@code ecoplan.notification.email.departments."ENV"=env@example.org}. */
    Map<String, String> departments();

    /** The supervisors' shared address. */
    Optional<String> supervisors();

    /** Attempts before an e-mail is given up (it stays in the inbox). */
    @WithDefault("5")
    int maxAttempts();

    /** Pause after a failed attempt, doubled each time. */
    @WithDefault("1m")
    Duration retryDelay();
}
