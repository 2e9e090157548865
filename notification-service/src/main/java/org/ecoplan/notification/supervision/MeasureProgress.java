package org.ecoplan.notification.supervision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;

import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;

/**
 * What this service knows of a measure's progress, from progress-service's events.
 *
 * @param sequence           of the latest status event applied; -1 while only reports were seen
 * @param lastReportedPeriod latest period with a submitted or approved monthly report, e.g. {@code 2026-05}
 * @param delivery           the delivery state and why, as progress-service decided it; {@code null} before an
 *                           event carried one
 * @param lastApprovedAt     when the report that set the status was approved
 */
public record MeasureProgress(String measureId, long sequence, @Schema(nullable = true) ReportStatus status, boolean overdue,
        int percentComplete, @Schema(nullable = true) LocalDate completedOn, @Schema(nullable = true) String lastReportedPeriod,
        Instant updatedAt, DeliveryAssessment delivery, Instant lastApprovedAt) {

    public boolean completed() {
        return status == ReportStatus.COMPLETED || delivery != null && delivery.state().completed();
    }

    /** The decided state; {@code null} while none is known here. */
    public DeliveryState deliveryState() {
        return delivery == null ? null : delivery.state();
    }
}
