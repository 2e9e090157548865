package org.ecoplan.indicator.rollup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.TreeSet;

import org.hibernate.Session;


/**
 * Transaction-scoped PostgreSQL advisory locks that keep roll-up recomputations apart, across instances:
 * each reads a scope's published figures and writes its next sequence, which must never be handed out twice.
 * Recomputing everything takes the roll-up lock exclusively; an event takes it shared and then locks its own
 * scopes, so events of unrelated scopes run side by side while events sharing a scope take turns. Every
 * transaction releases them at its end.
 */
final class RecomputeLocks {

    /** Single-key lock over all roll-ups ("ROLLUPS" in ASCII). */
    private static final long ALL_SCOPES = 0x524F4C4C555053L;
    /** Single-key lock of the one running rebuild ("REBUILD" in ASCII). */
    private static final long REBUILD = 0x52454255494C44L;
    /**
     * First key of the two-key scope locks ("ROLL"); PostgreSQL keeps two-key locks apart from single-key ones,
     * so they never meet the lock above or another module's single-key locks.
     */
    private static final int SCOPE_CLASS = 0x524F4C4C;

    private RecomputeLocks() {
    }

    /** Waits until no event recomputes, and keeps them waiting until this transaction ends. */
    static void allScopes() {
        execute("select pg_advisory_xact_lock(?)", ALL_SCOPES);
    }

    /** Waits while everything is being recomputed; events holding it do not wait for each other. */
    static void someScopes() {
        execute("select pg_advisory_xact_lock_shared(?)", ALL_SCOPES);
    }

    /**
     * {@link #someScopes()} without waiting: a consumer whose transaction would otherwise wait out a whole rebuild
     * (and its own timeout) tries again later instead. Held until the transaction ends.
     *
     * @return {@code false} if a rebuild or full recomputation holds the lock
     */
    static boolean trySomeScopes() {
        return execute("select pg_try_advisory_xact_lock_shared(?)", ALL_SCOPES);
    }

    /**
     * Only one rebuild at a time, across instances; held until the rebuild's transaction ends.
     *
     * @return {@code false} if another rebuild runs
     */
    static boolean tryRebuild() {
        return execute("select pg_try_advisory_xact_lock(?)", REBUILD);
    }

    /**
     * Locks the given scopes (after {@link #someScopes()}). In ascending order of their lock keys, so that two
     * events with overlapping scopes never wait for each other in a circle; a shared key (hash collision) only
     * makes two unrelated scopes take turns.
     */
    static void scopes(Collection<Rollup.Key> scopes) {
        TreeSet<Integer> keys = new TreeSet<>();
        for (Rollup.Key scope : scopes) {
            keys.add((scope.scopeType.name() + "/" + scope.scopeId).hashCode());
        }
        if (keys.isEmpty()) {
            return;
        }
        // One round trip for all of them; PostgreSQL calls a volatile function of the select list after the sort.
        session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select count(*) from (select pg_advisory_xact_lock(?, k) from unnest(?) as k order by k) as locked")) {
                statement.setInt(1, SCOPE_CLASS);
                statement.setArray(2, connection.createArrayOf("int4", keys.toArray()));
                statement.executeQuery().close();
            }
        });
    }

    /**
     * Plain JDBC on the transaction's connection, not a Hibernate native query: a native query first flushes the
     * session and goes through the query machinery, which made these one-row lock statements a fifth of the roll-up
     * consumer's CPU (RollupHopBenchmark's profile, 1 December 2026). Nothing needs flushing before a lock.
     *
     * @return the statement's boolean answer ({@code true} for the waiting locks, which answer void)
     */
    private static boolean execute(String sql, long key) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, key);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    Object answer = result.getObject(1);
                    return !(answer instanceof Boolean granted) || granted;
                }
            }
        });
    }

    private static Session session() {
        return Rollup.getEntityManager().unwrap(Session.class);
    }
}
