package org.ecoplan.progress.replica;

import java.time.Instant;
import java.time.LocalDate;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;

/**
 * What a service knows of a measure's progress: the latest {@code progress.measure-status-changed.v1} it applied
 * ({@link ProgressReplica}).
 *
 * @param sequence            of the latest status event applied; -1 while only reports were noted
 * @param percentComplete     0 when no event said
 * @param lastReportedPeriod  as the latest applied event published it, e.g. {@code 2026-05}
 * @param notedReportedPeriod the latest period the service noted itself ({@link ProgressReplica#noteReportedPeriod});
 *                            {@code null} in a service that notes none
 * @param changedAt           the event's time of the change (when it had none: when it was applied)
 * @param delivery            the delivery state and why, exactly as progress-service decided it; {@code null} before
 *                            an event carried one (the measure then counts as not assessed)
 * @param lastApprovedAt      when the report that set the status was approved
 * @param updatedAt           when this service last wrote the row
 */
public record MeasureProgress(String measureId, long sequence, ReportStatus status, boolean overdue, LocalDate deadline,
        int percentComplete, LocalDate completedOn, Boolean completedOnTime, String lastReportedPeriod,
        String notedReportedPeriod, String basedOnReportId, Instant changedAt, DeliveryAssessment delivery,
        Instant lastApprovedAt, Instant updatedAt) {

    public boolean completed() {
        return status == ReportStatus.COMPLETED || delivery != null && delivery.state().completed();
    }

    /** The decided state; {@code null} while none is known here. */
    public DeliveryState deliveryState() {
        return delivery == null ? null : delivery.state();
    }

    /** The later of the published and the noted last reported period (periods {@code YYYY-MM} sort as text). */
    public String latestReportedPeriod() {
        if (lastReportedPeriod == null || notedReportedPeriod != null && notedReportedPeriod.compareTo(lastReportedPeriod) > 0) {
            return notedReportedPeriod;
        }
        return lastReportedPeriod;
    }
}
