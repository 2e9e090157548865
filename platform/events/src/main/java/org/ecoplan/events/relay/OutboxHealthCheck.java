package org.ecoplan.events.relay;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Kafka answers: without it the service still records events (the outbox keeps them),
 * but its own replicas and its readers fall behind. Reports the backlog so that an operator sees
 * how much is waiting. Answers from {@link OutboxMonitor}'s last background refresh, so it never waits for a
 * broker or database that is away.
 */
@Readiness
@ApplicationScoped
class OutboxHealthCheck implements HealthCheck {

    private final OutboxMonitor monitor;
    private final OutboxRelay relay;

    OutboxHealthCheck(OutboxMonitor monitor, OutboxRelay relay) {
        this.monitor = monitor;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxMonitor.Snapshot snapshot = monitor.snapshot();
        var response = HealthCheckResponse.named("event-outbox");
        response.withData("kafka", snapshot.kafkaReachable() ? "reachable" : "unreachable");
        if (snapshot.kafkaCheckedAt() != null) {
            response.withData("kafkaCheckedAt", snapshot.kafkaCheckedAt().toString());
        }
        if (relay.lastSuccessfulRun() != null) {
            response.withData("lastRelayRun", relay.lastSuccessfulRun().toString());
        }
        OutboxBacklog backlog = snapshot.backlog();
        if (backlog == null) {
            return response.down().withData("outbox", String.valueOf(snapshot.backlogFailure())).build();
        }
        response.withData("waiting", backlog.waiting());
        backlog.oldestRecordedAt().ifPresent(oldest -> response.withData("oldestWaitingSince", oldest.toString()));
        return response.status(snapshot.kafkaReachable()).build();
    }
}
