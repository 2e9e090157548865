package org.ecoplan.indicator.rollup;

import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;


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
        lock("select 1 from (select pg_advisory_xact_lock(?1)) as locked", ALL_SCOPES);
    }

    /** Waits while everything is being recomputed; events holding it do not wait for each other. */
    static void someScopes() {
        lock("select 1 from (select pg_advisory_xact_lock_shared(?1)) as locked", ALL_SCOPES);
    }

    /**
     * {@link #someScopes()} without waiting: a consumer whose transaction would otherwise wait out a whole rebuild
     * (and its own timeout) tries again later instead. Held until the transaction ends.
     *
     * @return {@code false} if a rebuild or full recomputation holds the lock
     */
    static boolean trySomeScopes() {
        return (Boolean) Rollup.getEntityManager()
                .createNativeQuery("select pg_try_advisory_xact_lock_shared(?1)").setParameter(1, ALL_SCOPES).getSingleResult();
    }

    /**
     * Only one rebuild at a time, across instances; held until the rebuild's transaction ends.
     *
     * @return {@code false} if another rebuild runs
     */
    static boolean tryRebuild() {
        return (Boolean) Rollup.getEntityManager()
                .createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, REBUILD).getSingleResult();
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
        Rollup.getEntityManager().createNativeQuery(
                "select count(*) from (select pg_advisory_xact_lock(?1, k) from unnest(cast(?2 as int[])) as k order by k) as locked")
                .setParameter(1, SCOPE_CLASS).setParameter(2, keys.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .getSingleResult();
    }

    private static void lock(String sql, long key) {
        Rollup.getEntityManager().createNativeQuery(sql).setParameter(1, key).getSingleResult();
    }
}
