package org.ecoplan.events.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a consumer retries a record because the database (or broker) is away: the service cannot do
 * its work, but it is alive and resumes by itself, so liveness stays UP and nothing restarts it.
 */
@Readiness
@ApplicationScoped
class ConsumersHealthCheck implements HealthCheck {

    private final ConsumerHealth health;

    ConsumersHealthCheck(ConsumerHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("event-consumers").status(!health.anyRetrying());
        for (ConsumerHealth.Consumer consumer : health.all()) {
            String state = switch (consumer.state()) {
                case RUNNING -> "running";
                case RETRYING, WAITING -> "%s %s since %s (attempt %d): %s".formatted(consumer.state().name().toLowerCase(),
                        consumer.position(), consumer.since(), consumer.attempts(), consumer.failure());
            };
            response.withData(consumer.name(), state);
            if (consumer.lastRecovery() != null) {
                response.withData(consumer.name() + ".lastRecoveryMs", consumer.lastRecovery().toMillis());
            }
        }
        return response.build();
    }
}
