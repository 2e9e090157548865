package org.ecoplan.progress.status.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.report.api.ReportViews.ReportView;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bodies of the official status and to-do list reads. */
public final class StatusViews {

    private StatusViews() {
    }

    static final String DELIVERY = "The delivery state and why, exactly as progress-service decided and published it "
            + "(progress.measure-status-changed.v1): the state is the same everywhere; the figures are those of "
            + "assessedOn (refreshed by the daily assessment). Absent until the measure is first assessed.";

    @Schema(name = "MeasureStatus", description = "A measure's official status (its latest approved LEAD or RESPONSIBLE report) and delivery state, with the assisting departments' latest approved contributions beside it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeasureStatusView(
            @Schema(example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measureId,
            @Schema(nullable = true, description = "The measure's key task as people cite it", example = "附件1 第2项") String taskReference,
            @Schema(nullable = true, example = "推进移动源污染治理") String taskTitle,
            @Schema(example = "ON_TRACK") ReportStatus status,
            @Schema(description = "The official status in Chinese", example = "按计划推进") String statusName,
            @Schema(nullable = true, description = "Where the measure stands against its deadline (DeliveryState); absent until first assessed", example = "BEHIND_PACE") DeliveryState deliveryState,
            @Schema(nullable = true, example = "滞后于序时进度") String deliveryStateName,
            @Schema(nullable = true, description = DELIVERY) DeliveryView delivery,
            @Schema(description = "The delivery state is OVERDUE", example = "false") boolean overdue,
            @Schema(example = "40") int percentComplete,
            @Schema(nullable = true, example = "2026-12-31") LocalDate deadline,
            @Schema(nullable = true) LocalDate completedOn, @Schema(nullable = true) Boolean completedOnTime,
            @Schema(nullable = true) UUID basedOnReportId,
            @Schema(nullable = true, description = "When the report that set the status was approved") Instant lastApprovedAt,
            @Schema(nullable = true, example = "2026-05") String lastReportedPeriod,
            @Schema(description = "Grows with every published change (the events' sequence)", example = "3") long sequence,
            @Schema(nullable = true) Instant changedAt,
            @Schema(description = "Latest approved report of each ASSISTING department") List<ReportView> contributions) {
    }

    @Schema(name = "TodoItem", description = "One measure on a department's to-do list")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TodoItem(
            @Schema(example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measureId,
            @Schema(description = "Number of the key task in its plan (see taskReference: numbers restart in every plan)", example = "2") int taskNumber,
            @Schema(example = "1") int position,
            @Schema(nullable = true, description = "The key task as people cite it: plan attachment and task number", example = "附件1 第2项") String taskReference,
            @Schema(nullable = true, example = "推进移动源污染治理") String taskTitle,
            @Schema(example = "推进货车新能源化……") String text,
            @Schema(nullable = true, description = "The department's role (through a group for its members)", example = "LEAD") AssignmentRole role,
            @Schema(nullable = true, example = "年底前") String deadlineLabel,
            @Schema(nullable = true, description = "The measure's due date while it is not completed; absent for ongoing measures", example = "2026-12-31") LocalDate nextDeadline,
            @Schema(example = "ON_TRACK") ReportStatus status,
            @Schema(example = "按计划推进") String statusName,
            @Schema(nullable = true, example = "BEHIND_PACE") DeliveryState deliveryState,
            @Schema(nullable = true, example = "滞后于序时进度") String deliveryStateName,
            @Schema(nullable = true, description = DELIVERY) DeliveryView delivery,
            @Schema(description = "The delivery state is OVERDUE", example = "false") boolean overdue,
            @Schema(example = "40") int percentComplete,
            @Schema(description = "True while the department has no submitted or approved report for the current period") boolean periodReportMissing,
            @Schema(nullable = true, description = "The department's report for the current period, if any") PeriodReport periodReport) {
    }

    /** A delivery assessment as the API shows it (the event contract's record carries no OpenAPI annotations). */
    @Schema(name = "DeliveryAssessment", description = "A measure's delivery state and why, as decided on assessedOn")
    public record DeliveryView(
            @Schema(example = "BEHIND_PACE") DeliveryState state,
            @Schema(description = "The state's Chinese name", example = "滞后于序时进度") String stateName,
            @Schema(description = "Business date (Asia/Shanghai) of the assessment", example = "2026-07-02") LocalDate assessedOn,
            @Schema(nullable = true, description = "A WINDOW's start, else 1 January of the plan year; absent for ongoing measures", example = "2026-01-01") LocalDate windowStart,
            @Schema(nullable = true, description = "The deadline; absent for ongoing measures", example = "2026-12-31") LocalDate windowEnd,
            @Schema(nullable = true, description = "序时进度: share of the window elapsed on assessedOn, percent", example = "50") Integer expectedPercent,
            @Schema(nullable = true, description = "expectedPercent minus percent complete, percentage points (negative when ahead)", example = "40") Integer paceGap,
            @Schema(nullable = true, description = "The day after the deadline (OVERDUE, COMPLETED_LATE)", example = "2027-01-01") LocalDate overdueSince,
            @Schema(nullable = true, description = "Days past the deadline on assessedOn (OVERDUE) or at completion (COMPLETED_LATE)", example = "10") Integer daysLate) {

        public static DeliveryView of(DeliveryAssessment assessment) {
            return assessment == null ? null
                    : new DeliveryView(assessment.state(), assessment.stateName(), assessment.assessedOn(),
                            assessment.windowStart(), assessment.windowEnd(), assessment.expectedPercent(),
                            assessment.paceGap(), assessment.overdueSince(), assessment.daysLate());
        }
    }

    @Schema(name = "PeriodReport")
    public record PeriodReport(UUID id, @Schema(example = "DRAFT") WorkflowState state, @Schema(example = "1") long revision) {
    }

    @Schema(name = "Todo", description = "A department's measures with their delivery state and what is due this period")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TodoView(
            @Schema(example = "ENV") String departmentCode,
            @Schema(nullable = true, description = "The department's (or group's) Chinese name; absent if the catalogue does not know the code", example = "区生态环境局") String departmentName,
            @Schema(example = "2026-05") String period,
            @Schema(description = "Last day to report on the current period", example = "2026-05-31") LocalDate reportDueOn,
            @Schema(example = "12") int missingReports,
            @Schema(description = "Overdue first, then behind pace, then missing this period's report, then by deadline") List<TodoItem> measures) {
    }
}
