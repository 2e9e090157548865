package org.ecoplan.indicator.rollup;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.progress.contract.ReportStatus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A measure's official status, from its latest {@code progress.measure-status-changed.v1}. */
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
}
