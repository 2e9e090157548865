package org.ecoplan.notification.supervision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Keeps the supervision ticks of several replicas apart. Alerts alone would not need it (their insert skips a key
 * that exists), but the digests do: two ticks reading the same held messages at once would each fold them into a
 * digest. A PostgreSQL advisory lock, held until the tick's transaction ends.
 */
@ApplicationScoped
public class SupervisionLock {

    private final EntityManager entityManager;

    SupervisionLock(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Waits while another replica ticks: the tick is idempotent, so the one that comes second finds the alerts raised
     * and the digests written, and adds nothing (a manual run still answers with what the day holds).
     */
    @Transactional(TxType.MANDATORY)
    public void awaitTurn() {
        entityManager.createNativeQuery(
                "select 1 from (select pg_advisory_xact_lock(hashtext('ecoplan.notification.supervision-tick'))) as locked")
                .getSingleResult();
    }
}
