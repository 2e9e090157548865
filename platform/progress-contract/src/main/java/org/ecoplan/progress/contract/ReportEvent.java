package org.ecoplan.progress.contract;

import java.time.Instant;
import java.util.List;

/**
 * A progress report as it stands after a workflow step (submitted, approved or returned).
 *
 * @param reportId            stable id of the report
 * @param reportRevision      grows with every change of the report; a consumer drops older revisions
 * @param measureId           the measure (catalogue id) the report is about; also the Kafka key
 * @param planId              the measure's plan, copied so that consumers can filter without the catalogue
 * @param taskId              the measure's key task
 * @param period              {@code 2026-05} for a monthly report, {@code null} for an ad-hoc one
 * @param kind                MONTHLY or AD_HOC
 * @param state               the workflow state after this step
 * @param status              how the reporter says the measure stands
 * @param percentComplete     0-100
 * @param narrative           the reporter's text (Chinese), may be empty
 * @param measuredValues      values for the measure's quantified targets, empty if none
 * @param departmentCode      the reporting department
 * @param departmentRole      that department's role on the measure: LEAD, RESPONSIBLE or ASSISTING (a
 *                            contribution beside the lead department's report)
 * @param reporter            who filed it (token subject)
 * @param submittedAt         server time of the (latest) submission
 * @param reviewedBy          who approved or returned it, {@code null} before review
 * @param reviewedAt          when, {@code null} before review
 * @param returnReason        why it was returned, only for RETURNED
 * @param evidenceCount       number of photos/documents attached
 */
public record ReportEvent(String reportId, long reportRevision, String measureId, String planId, String taskId,
        String period, String kind, WorkflowState state, ReportStatus status, int percentComplete, String narrative,
        List<MeasuredValue> measuredValues, String departmentCode, String departmentRole, String reporter,
        Instant submittedAt, String reviewedBy, Instant reviewedAt, String returnReason, int evidenceCount) {
}
