package org.ecoplan.progress.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The daily assessment's claim on a business date, and the lock that keeps two replicas from assessing at the
 * same time. Plain SQL: an advisory lock and an insert-if-absent are what it takes.
 */
@ApplicationScoped
public class AssessmentRunRepository {

    private final EntityManager entityManager;

    AssessmentRunRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Takes the assessment's advisory lock for the rest of the transaction, without waiting.
     *
     * @return false if another replica holds it (it is assessing now)
     */
    public boolean tryLock() {
        return (Boolean) entityManager.createNativeQuery(
                "select pg_try_advisory_xact_lock(hashtext('ecoplan.progress.delivery-assessment'))").getSingleResult();
    }

    public boolean ranOn(LocalDate businessDate) {
        return !entityManager.createNativeQuery("select 1 from delivery_assessment_run where business_date = :day")
                .setParameter("day", businessDate).getResultList().isEmpty();
    }

    /** Records the run in its transaction: if that rolls back, the date is still to be assessed. */
    public void record(LocalDate businessDate, Instant startedAt, Instant finishedAt, int assessed, int published) {
        entityManager.createNativeQuery("""
                insert into delivery_assessment_run (business_date, started_at, finished_at, assessed, published)
                values (:day, :started, :finished, :assessed, :published)""")
                .setParameter("day", businessDate).setParameter("started", Timestamp.from(startedAt))
                .setParameter("finished", Timestamp.from(finishedAt)).setParameter("assessed", assessed)
                .setParameter("published", published).executeUpdate();
    }
}
