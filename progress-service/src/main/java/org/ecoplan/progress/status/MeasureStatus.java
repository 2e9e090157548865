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

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A measure's official status and its delivery state with the reasons, kept so that reads, to-do lists and
 * events show the state once decided and need no scan of the reports.
 */
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

    /** The delivery state is OVERDUE. */
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

    @Column(name = "based_on_approved_at")
    public Instant basedOnApprovedAt;

    @Column(name = "last_reported_period")
    public String lastReportedPeriod;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Null until the measure is first assessed. */
    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_state")
    public DeliveryState deliveryState;

    @Column(name = "assessed_on")
    public LocalDate assessedOn;

    @Column(name = "window_start")
    public LocalDate windowStart;

    @Column(name = "expected_percent")
    public Integer expectedPercent;

    @Column(name = "pace_gap")
    public Integer paceGap;

    @Column(name = "overdue_since")
    public LocalDate overdueSince;

    @Column(name = "days_late")
    public Integer daysLate;

    /** The stored assessment, as last decided; null before the first. */
    public DeliveryAssessment delivery() {
        return deliveryState == null ? null
                : DeliveryAssessment.of(deliveryState, assessedOn, windowStart, deadline, expectedPercent, paceGap,
                        overdueSince, daysLate);
    }

    void apply(DeliveryAssessment assessment) {
        deliveryState = assessment.state();
        assessedOn = assessment.assessedOn();
        windowStart = assessment.windowStart();
        deadline = assessment.windowEnd();
        expectedPercent = assessment.expectedPercent();
        paceGap = assessment.paceGap();
        overdueSince = assessment.overdueSince();
        daysLate = assessment.daysLate();
        overdue = assessment.state() == DeliveryState.OVERDUE;
        completedOnTime = switch (assessment.state()) {
            case COMPLETED_ON_TIME -> true;
            case COMPLETED_LATE -> false;
            default -> null;
        };
    }
}
