package org.ecoplan.indicator.status;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The thresholds a supervisor set: the single row of {@code status_thresholds} (id 1). Without it the
 * configured values apply. Read through {@link StatusThresholdsRepository}, never cached in an instance.
 */
@Entity
@Table(name = "status_thresholds")
public class StatusThresholds {

    /** The only row's id (the table allows no other). */
    static final int ONLY_ROW = 1;

    @Id
    public Integer id;

    @Column(name = "on_track_margin")
    public double onTrackMargin;

    @Column(name = "off_track_margin")
    public double offTrackMargin;

    @Column(name = "schedule_on_track_ratio")
    public double scheduleOnTrackRatio;

    @Column(name = "schedule_off_track_ratio")
    public double scheduleOffTrackRatio;

    @Column(name = "minimum_profile_days")
    public int minimumProfileDays;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
