package org.ecoplan.web.database;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure caused by PostgreSQL being away (stopped, restarting, unreachable, out of connections) from
 * every other failure, by the SQLState and exception types anywhere in the cause chain. One rule for the whole
 * platform: a request answers 503 for it (see {@code ProblemMappers}), an event consumer retries the record.
 */
public final class DatabaseFailures {

    /** Agroal's message when no connection became free within the acquisition timeout; it carries no SQLState. */
    private static final String POOL_ACQUISITION_TIMEOUT = "acquisition timeout";
    /** Hibernate's translation of SQLState class 08, named so that this module needs no Hibernate. */
    private static final String HIBERNATE_CONNECTION_FAILURE = "org.hibernate.exception.JDBCConnectionException";
    private static final int MAX_DEPTH = 32;

    private DatabaseFailures() {
    }

    /**
     * @return whether {@code failure} says the database cannot be reached or cannot serve now: SQLState class 08
     *         (connection exception), 57P01-57P03 (admin or crash shutdown, cannot connect now), class 53
     *         (insufficient resources, e.g. too many connections), a pool acquisition timeout, a refused TCP
     *         connection
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || HIBERNATE_CONNECTION_FAILURE.equals(cause.getClass().getName())) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                if (isUnavailableState(sql.getSQLState())) {
                    return true;
                }
                if (sql.getSQLState() == null && sql.getMessage() != null && sql.getMessage().contains(POOL_ACQUISITION_TIMEOUT)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the first SQLState in the cause chain, e.g. {@code 22003} for a numeric overflow */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    static boolean isUnavailableState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /** The failure, its causes and the next exceptions of SQL batches, each once. */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var queue = new ArrayDeque<Throwable>();
        if (failure != null) {
            queue.add(failure);
        }
        var ordered = new ArrayList<Throwable>();
        while (!queue.isEmpty() && ordered.size() < MAX_DEPTH) {
            Throwable next = queue.poll();
            if (!seen.add(next)) {
                continue;
            }
            ordered.add(next);
            if (next.getCause() != null) {
                queue.add(next.getCause());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                queue.add(sql.getNextException());
            }
        }
        return ordered;
    }
}
