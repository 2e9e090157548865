package org.ecoplan.progress.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;

import org.hibernate.jpa.HibernateHints;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MeasureStatusRepository implements PanacheRepositoryBase<MeasureStatus, String> {

    private static final int LOCK_SLICE = 1000;

    private final DataSource dataSource;

    MeasureStatusRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Locks the row, creating it (NOT_STARTED) first if it does not exist yet: every transaction that publishes an
     * event about the measure passes here, so the measure's events are recorded in commit order. One statement
     * once the row exists (the usual case), and no automatic flush of the caller's pending changes.
     */
    public MeasureStatus lockOrCreate(String measureId, String planId, String taskId, LocalDate deadline) {
        MeasureStatus existing = findById(measureId, LockModeType.PESSIMISTIC_WRITE);
        if (existing != null) {
            return existing;
        }
        getEntityManager().createNativeQuery("""
                insert into measure_status (measure_id, plan_id, task_id, deadline, status, percent_complete, overdue,
                    sequence, changed_at)
                values (:measure, :plan, :task, cast(:deadline as date), 'NOT_STARTED', 0, false, 0, now())
                on conflict (measure_id) do nothing""")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("measure", measureId).setParameter("plan", planId).setParameter("task", taskId)
                .setParameter("deadline", deadline == null ? null : deadline.toString())
                .executeUpdate();
        return findById(measureId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * A report of the measure was submitted: locks the measure's status row, creating it (NOT_STARTED) if it does not
     * exist yet, and moves its last reported period on to {@code monthlyPeriod} if that is later — one statement, plain
     * JDBC, no entity. Every submission passes here, so this row lock orders the measure's events like
     * {@link #lockOrCreate} does. The transaction must not hold the status as an entity (it would not see this change):
     * only approvals and assessments load it, and they do not submit.
     *
     * @param monthlyPeriod the report's period if it is a monthly report, else {@code null} (the period stays)
     */
    public void recordSubmission(String measureId, String planId, String taskId, LocalDate deadline,
            String monthlyPeriod) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement("""
                insert into measure_status as current (measure_id, plan_id, task_id, deadline, status, percent_complete,
                    overdue, sequence, changed_at, last_reported_period)
                values (?, ?, ?, ?, 'NOT_STARTED', 0, false, 0, now(), ?)
                on conflict (measure_id) do update
                set last_reported_period = greatest(current.last_reported_period, excluded.last_reported_period)""")) {
            upsert.setString(1, measureId);
            upsert.setString(2, planId);
            upsert.setString(3, taskId);
            upsert.setObject(4, deadline);
            upsert.setString(5, monthlyPeriod);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a submission on measure " + measureId + "'s status", e);
        }
    }

    public Optional<MeasureStatus> find(String measureId) {
        return findByIdOptional(measureId);
    }

    /**
     * Locks the rows of these measures that exist, in id order (the only place that locks more than one, so
     * no two transactions can wait on each other's rows), in slices the driver's parameter limit allows.
     */
    public Map<String, MeasureStatus> lockAll(List<String> measureIds) {
        List<String> ordered = measureIds.stream().sorted().distinct().toList();
        Map<String, MeasureStatus> locked = new HashMap<>();
        for (int from = 0; from < ordered.size(); from += LOCK_SLICE) {
            List<String> slice = ordered.subList(from, Math.min(ordered.size(), from + LOCK_SLICE));
            getEntityManager().createQuery("select s from MeasureStatus s where s.measureId in :ids order by s.measureId",
                    MeasureStatus.class).setParameter("ids", slice).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList().forEach(status -> locked.put(status.measureId, status));
        }
        return locked;
    }

    /**
     * For reading only (to-do lists, the ledger): loaded read-only, so Hibernate keeps no copy of each row to compare
     * at flush; changes made to them are never written.
     */
    public List<MeasureStatus> findAll(Collection<String> measureIds) {
        return measureIds.isEmpty() ? List.of()
                : find("measureId in ?1", measureIds).withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }
}
