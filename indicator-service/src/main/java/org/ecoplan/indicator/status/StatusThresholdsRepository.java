package org.ecoplan.indicator.status;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/**
 * The stored thresholds, or the configured ones while none are stored. Every read goes to the database (one
 * primary-key row, cheaper than keeping instances in step): a change made through any instance is used by
 * all of them from its commit on, and survives restarts.
 */
@ApplicationScoped
public class StatusThresholdsRepository implements PanacheRepositoryBase<StatusThresholds, Integer> {

    private final Thresholds configured;

    StatusThresholdsRepository(StatusConfig config) {
        this.configured = Thresholds.from(config);
    }

    @Transactional(TxType.SUPPORTS)
    public ThresholdsInForce inForce() {
        // Scalar columns, not the entity: an entity loaded earlier in this persistence context would be
        // returned as it was then, not as another instance has since stored it.
        List<Object[]> rows = getEntityManager().createQuery("""
                select t.onTrackMargin, t.offTrackMargin, t.scheduleOnTrackRatio, t.scheduleOffTrackRatio,
                       t.minimumProfileDays, t.updatedBy, t.updatedAt
                from StatusThresholds t where t.id = :id""", Object[].class)
                .setParameter("id", StatusThresholds.ONLY_ROW).getResultList();
        if (rows.isEmpty()) {
            return ThresholdsInForce.configured(configured);
        }
        Object[] row = rows.get(0);
        return new ThresholdsInForce((Double) row[0], (Double) row[1], (Double) row[2], (Double) row[3], (Integer) row[4],
                (String) row[5], (Instant) row[6]);
    }

    /** Inserts or replaces the row; two first-time writers cannot both insert (upsert on the primary key). */
    @Transactional(TxType.MANDATORY)
    public void store(Thresholds thresholds, String by, Instant at) {
        getEntityManager().createNativeQuery("""
                insert into status_thresholds (id, on_track_margin, off_track_margin, schedule_on_track_ratio,
                    schedule_off_track_ratio, minimum_profile_days, updated_by, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                on conflict (id) do update set on_track_margin = excluded.on_track_margin,
                    off_track_margin = excluded.off_track_margin, schedule_on_track_ratio = excluded.schedule_on_track_ratio,
                    schedule_off_track_ratio = excluded.schedule_off_track_ratio,
                    minimum_profile_days = excluded.minimum_profile_days, updated_by = excluded.updated_by,
                    updated_at = excluded.updated_at""")
                .setParameter(1, StatusThresholds.ONLY_ROW).setParameter(2, thresholds.onTrackMargin())
                .setParameter(3, thresholds.offTrackMargin()).setParameter(4, thresholds.scheduleOnTrackRatio())
                .setParameter(5, thresholds.scheduleOffTrackRatio()).setParameter(6, thresholds.minimumProfileDays())
                .setParameter(7, by).setParameter(8, at).executeUpdate();
    }
}
