package org.ecoplan.indicator.rollup;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A measure's official status and delivery state, from its latest {@code progress.measure-status-changed.v1}.
 * The delivery columns are progress-service's decision as published; {@code deliveryState} is {@code null} when
 * the event carried none (an older producer): the measure then counts as not assessed.
 */
@Entity
@Table(name = "measure_progress")
public class MeasureProgress extends PanacheEntityBase {

    @Id
    @Column(name = "measure_id")
    public String measureId;

    /** The event's sequence: older events are dropped. */
    public long sequence;

    @Enumerated(EnumType.STRING)
    public ReportStatus status;

    public boolean overdue;

    public LocalDate deadline;

    @Column(name = "completed_on")
    public LocalDate completedOn;

    @Column(name = "completed_on_time")
    public Boolean completedOnTime;

    @Column(name = "last_reported_period")
    public String lastReportedPeriod;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "percent_complete")
    public Integer percentComplete;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_state")
    public DeliveryState deliveryState;

    @Column(name = "assessed_on")
    public LocalDate assessedOn;

    @Column(name = "window_start")
    public LocalDate windowStart;

    @Column(name = "window_end")
    public LocalDate windowEnd;

    @Column(name = "expected_percent")
    public Integer expectedPercent;

    @Column(name = "pace_gap")
    public Integer paceGap;

    @Column(name = "overdue_since")
    public LocalDate overdueSince;

    @Column(name = "days_late")
    public Integer daysLate;

    @Column(name = "based_on_report_id")
    public String basedOnReportId;

    @Column(name = "last_approved_at")
    public Instant lastApprovedAt;
}
