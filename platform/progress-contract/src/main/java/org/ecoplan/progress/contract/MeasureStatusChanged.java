package org.ecoplan.progress.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A measure's official status: that of its latest approved report (NOT_STARTED while none is approved),
 * whether it is overdue (past its deadline and not completed) and its {@link DeliveryState delivery state}.
 * Published when the measure is first assessed (every catalogue measure is, reported on or not), and then
 * whenever its delivery state, official status, percent complete, basing report or deadline changes, also
 * when only the calendar moved the state (a deadline passing, pace slipping: progress-service's daily
 * assessment). Not published when only a figure of the assessment moved (expected percent, days late).
 *
 * @param measureId            the measure (catalogue id); also the Kafka key
 * @param sequence             grows with every status change of the measure; a consumer drops older ones
 * @param planId               the measure's plan
 * @param taskId               the measure's key task
 * @param status               the official status
 * @param previousStatus       the status before this change, {@code null} for the first one
 * @param overdue              past the deadline and not COMPLETED
 * @param percentComplete      of the latest approved report, 0 without one
 * @param deadline             the measure's due date, {@code null} for ongoing measures (长期实施, 持续推进)
 * @param completedOn          the date the approved COMPLETED report was submitted, else {@code null}
 * @param completedOnTime      {@code completedOn} on or before the deadline (ongoing measures: {@code true});
 *                             {@code null} while not completed
 * @param basedOnReportId      the approved report that set the status, {@code null} when only the deadline passed
 * @param lastReportedPeriod   the latest period with a submitted or approved monthly report, e.g. {@code 2026-05}
 * @param changedAt            server time of the change
 * @param delivery             the measure's delivery state and why, decided by progress-service; {@code null}
 *                             only from producers older than this field
 * @param lastApprovedAt       when the report that set the status was approved, {@code null} without one
 */
public record MeasureStatusChanged(String measureId, long sequence, String planId, String taskId, ReportStatus status,
        ReportStatus previousStatus, boolean overdue, int percentComplete, LocalDate deadline, LocalDate completedOn,
        Boolean completedOnTime, String basedOnReportId, String lastReportedPeriod, Instant changedAt,
        DeliveryAssessment delivery, Instant lastApprovedAt) {
}
