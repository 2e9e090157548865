package org.ecoplan.events.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when PostgreSQL answered the last background probe. Replaces Quarkus' datasource check
 * ({@code quarkus.datasource.health.enabled=false}), which waits for a connection on the caller's thread and so
 * keeps {@code /q/health/ready} from answering while the database is away.
 */
@Readiness
@ApplicationScoped
class DatabaseHealthCheck implements HealthCheck {

    private final DatabaseProbe probe;

    DatabaseHealthCheck(DatabaseProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        DatabaseProbe.Status status = probe.status();
        var response = HealthCheckResponse.named("database").status(status.reachable())
                .withData("checkedAt", status.checkedAt().toString());
        if (status.failure() != null) {
            response.withData("failure", status.failure());
        }
        return response.build();
    }
}
