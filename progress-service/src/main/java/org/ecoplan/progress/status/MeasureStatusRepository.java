package org.ecoplan.progress.status;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;

import org.ecoplan.progress.contract.ReportStatus;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MeasureStatusRepository implements PanacheRepositoryBase<MeasureStatus, String> {

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

    public Optional<MeasureStatus> find(String measureId) {
        return findByIdOptional(measureId);
    }

    /** Of these measures, those already overdue or completed: the overdue job has nothing to do for them. */
    public Set<String> settled(Collection<String> measureIds) {
        if (measureIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager().createQuery("select s.measureId from MeasureStatus s"
                + " where s.measureId in :ids and (s.overdue = true or s.status = :completed)", String.class)
                .setParameter("ids", measureIds)
                .setParameter("completed", ReportStatus.COMPLETED).getResultList());
    }

    public List<MeasureStatus> findAll(Collection<String> measureIds) {
        return measureIds.isEmpty() ? List.of() : list("measureId in ?1", measureIds);
    }
}
