package org.ecoplan.events.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

import org.ecoplan.events.MalformedEventException;
import org.ecoplan.events.health.DatabaseProbe;
import org.ecoplan.web.database.DatabaseFailures;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Decides what a failure to apply a record means ({@link FailureKind}), from the exceptions and SQLStates in its
 * cause chain. What the chain does not explain is checked against the database itself: a failure while PostgreSQL
 * does not answer is transient (a commit that failed because the server went away rarely carries its SQLState),
 * one while it answers is permanent (a bug, or content the code cannot handle).
 */
@ApplicationScoped
public class FailureClassifier {

    /** serialization_failure, deadlock_detected, unique_violation (a concurrent insert of the same key), lock_not_available. */
    private static final Set<String> CONTENTION_STATES = Set.of("40001", "40P01", "23505", "55P03");
    private static final Set<String> STALE_STATE_EXCEPTIONS = Set.of(
            "org.hibernate.StaleStateException", "org.hibernate.StaleObjectStateException");

    private static final int MAX_DEPTH = 32;

    private final DatabaseProbe database;

    FailureClassifier(DatabaseProbe database) {
        this.database = database;
    }

    public FailureKind classify(Throwable failure) {
        if (DatabaseFailures.isUnavailable(failure)) {
            return FailureKind.TRANSIENT;
        }
        if (has(failure, RetryLaterException.class)) {
            return FailureKind.BUSY;
        }
        Optional<String> state = DatabaseFailures.sqlState(failure);
        if (state.filter(CONTENTION_STATES::contains).isPresent() || has(failure, OptimisticLockException.class)
                || has(failure, PessimisticLockException.class) || has(failure, LockTimeoutException.class)
                || hasNamed(failure, STALE_STATE_EXCEPTIONS)) {
            return FailureKind.CONTENTION;
        }
        // Deterministic: unreadable content, or an error PostgreSQL explained (22xxx data exceptions such as a
        // numeric overflow, 23xxx constraint violations other than a concurrent duplicate, …).
        if (has(failure, MalformedEventException.class) || has(failure, JsonProcessingException.class) || state.isPresent()) {
            return FailureKind.PERMANENT;
        }
        return database.check().reachable() ? FailureKind.PERMANENT : FailureKind.TRANSIENT;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return causes(failure).stream().anyMatch(type::isInstance);
    }

    private static boolean hasNamed(Throwable failure, Set<String> classNames) {
        return causes(failure).stream().anyMatch(cause -> classNames.contains(cause.getClass().getName()));
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && causes.size() < MAX_DEPTH && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }
}
