package org.ecoplan.events.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Whether PostgreSQL answers, checked in the background every {@code ecoplan.events.health-refresh-interval} so
 * that readiness answers at once from the last result instead of waiting on a connection while the database is
 * away. Consumers also ask it, fresh, whether a failure they cannot classify means the database is gone.
 */
@ApplicationScoped
public class DatabaseProbe {

    /** A healthy PostgreSQL answers a ping in milliseconds; one that takes longer is not fit to serve. */
    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final AgroalDataSource dataSource;
    private volatile Status status;

    DatabaseProbe(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The outcome of one probe; {@code failure} is {@code null} when reachable. */
    public record Status(boolean reachable, Instant checkedAt, String failure) {
    }

    @Scheduled(every = "${ecoplan.events.health-refresh-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        check();
    }

    /** The last probe's outcome; probes now if there was none yet. */
    public Status status() {
        Status last = status;
        return last != null ? last : check();
    }

    /**
     * Probes now (a pooled connection and a ping, bounded by the pool's acquisition timeout and one second).
     * When the database comes back, connections that died with the old server are dropped from the pool at once,
     * so that the next requests and records do not fail on them one by one.
     */
    public Status check() {
        Status previous = status;
        Status current;
        try (Connection connection = dataSource.getConnection()) {
            current = connection.isValid(VALIDATION_TIMEOUT_SECONDS)
                    ? new Status(true, Instant.now(), null)
                    : new Status(false, Instant.now(), "no answer within " + VALIDATION_TIMEOUT_SECONDS + " s");
        } catch (SQLException | RuntimeException e) {
            current = new Status(false, Instant.now(), e.getMessage());
        }
        status = current;
        if (previous != null && previous.reachable() != current.reachable()) {
            if (current.reachable()) {
                Log.infof("Database reachable again (unreachable since %s)", previous.checkedAt());
                dataSource.flush(AgroalDataSource.FlushMode.INVALID);
            } else {
                Log.warnf("Database unreachable: %s", current.failure());
            }
        }
        return current;
    }
}
