package org.ecoplan.events.relay;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Kafka answers: without it the service still records events (the outbox keeps them),
 * but its own replicas and its readers fall behind. Reports the backlog so that an operator sees
 * how much is waiting.
 */
@Readiness
@ApplicationScoped
class OutboxHealthCheck implements HealthCheck {

    private static final long KAFKA_TIMEOUT_SECONDS = 3;

    private final OutboxStore store;
    private final KafkaClients kafka;
    private final OutboxRelay relay;

    OutboxHealthCheck(OutboxStore store, KafkaClients kafka, OutboxRelay relay) {
        this.store = store;
        this.kafka = kafka;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("event-outbox");
        boolean kafkaReachable = kafkaReachable();
        response.withData("kafka", kafkaReachable ? "reachable" : "unreachable");
        try {
            OutboxBacklog backlog = store.backlog();
            response.withData("waiting", backlog.waiting());
            backlog.oldestRecordedAt().ifPresent(oldest -> response.withData("oldestWaitingSince", oldest.toString()));
            if (relay.lastSuccessfulRun() != null) {
                response.withData("lastRelayRun", relay.lastSuccessfulRun().toString());
            }
        } catch (RuntimeException e) {
            return response.down().withData("outbox", e.getMessage()).build();
        }
        return response.status(kafkaReachable).build();
    }

    private boolean kafkaReachable() {
        try {
            return !kafka.admin().describeCluster().nodes().get(KAFKA_TIMEOUT_SECONDS, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
