package org.ecoplan.progress.status;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MeasureStatusRepository implements PanacheRepositoryBase<MeasureStatus, String> {

    private static final int LOCK_SLICE = 1000;

    /**
     * Creates the row (NOT_STARTED) unless it exists, then locks it: every transaction that publishes an
     * event about the measure passes here, so the measure's events are recorded in commit order.
     */
    public MeasureStatus lockOrCreate(String measureId, String planId, String taskId, LocalDate deadline) {
        getEntityManager().createNativeQuery("""
                insert into measure_status (measure_id, plan_id, task_id, deadline, status, percent_complete, overdue,
                    sequence, changed_at)
                values (:measure, :plan, :task, cast(:deadline as date), 'NOT_STARTED', 0, false, 0, now())
                on conflict (measure_id) do nothing""")
                .setParameter("measure", measureId).setParameter("plan", planId).setParameter("task", taskId)
                .setParameter("deadline", deadline == null ? null : deadline.toString())
                .executeUpdate();
        return findById(measureId, LockModeType.PESSIMISTIC_WRITE);
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

    public List<MeasureStatus> findAll(Collection<String> measureIds) {
        return measureIds.isEmpty() ? List.of() : list("measureId in ?1", measureIds);
    }
}
