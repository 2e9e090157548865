package org.ecoplan.progress.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecoplan.progress.contract.ReportStatus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A measure's official status, kept so that reads and to-do lists need no scan of the reports. */
@Entity
@Table(name = "measure_status")
public class MeasureStatus extends PanacheEntityBase {

    @Id
    @Column(name = "measure_id")
    public String measureId;

    @Column(name = "plan_id")
    public String planId;

    @Column(name = "task_id")
    public String taskId;

    /** The catalogue deadline's end (DATE or WINDOW); null for ONGOING measures. */
    public LocalDate deadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportStatus status;

    @Column(name = "percent_complete", nullable = false)
    public int percentComplete;

    @Column(nullable = false)
    public boolean overdue;

    @Column(name = "completed_on")
    public LocalDate completedOn;

    @Column(name = "completed_on_time")
    public Boolean completedOnTime;

    @Column(name = "based_on_report_id")
    public UUID basedOnReportId;

    @Column(name = "based_on_submitted_at")
    public Instant basedOnSubmittedAt;

    @Column(name = "last_reported_period")
    public String lastReportedPeriod;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Past the deadline (in the district's calendar) and not completed. */
    public boolean isOverdueOn(LocalDate today) {
        return deadline != null && today.isAfter(deadline) && status != ReportStatus.COMPLETED;
    }
}
