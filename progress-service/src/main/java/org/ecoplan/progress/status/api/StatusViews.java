package org.ecoplan.progress.status.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.report.DepartmentRole;
import org.ecoplan.progress.report.api.ReportViews.ReportView;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Bodies of the official status and to-do list reads. */
public final class StatusViews {

    private StatusViews() {
    }

    @Schema(name = "MeasureStatus", description = "A measure's official status (its latest approved LEAD or RESPONSIBLE report) with the assisting departments' latest approved contributions beside it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeasureStatusView(
            @Schema(example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measureId,
            @Schema(example = "ON_TRACK") ReportStatus status,
            @Schema(example = "false") boolean overdue,
            @Schema(example = "40") int percentComplete,
            @Schema(nullable = true, example = "2026-12-31") LocalDate deadline,
            @Schema(nullable = true) LocalDate completedOn, @Schema(nullable = true) Boolean completedOnTime,
            @Schema(nullable = true) UUID basedOnReportId,
            @Schema(nullable = true, example = "2026-05") String lastReportedPeriod,
            @Schema(description = "Grows with every official status change (the events' sequence)", example = "3") long sequence,
            @Schema(nullable = true) Instant changedAt,
            @Schema(description = "Latest approved report of each ASSISTING department") List<ReportView> contributions) {
    }

    @Schema(name = "TodoItem", description = "One measure on a department's to-do list")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TodoItem(
            @Schema(example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measureId,
            @Schema(example = "2") int taskNumber,
            @Schema(example = "1") int position,
            @Schema(example = "推进货车新能源化……") String text,
            @Schema(nullable = true, description = "The department's role (through a group for its members)", example = "LEAD") DepartmentRole role,
            @Schema(nullable = true, example = "年底前") String deadlineLabel,
            @Schema(nullable = true, description = "The measure's due date while it is not completed; absent for ongoing measures", example = "2026-12-31") LocalDate nextDeadline,
            @Schema(example = "ON_TRACK") ReportStatus status,
            @Schema(example = "false") boolean overdue,
            @Schema(example = "40") int percentComplete,
            @Schema(description = "True while the department has no submitted or approved report for the current period") boolean periodReportMissing,
            @Schema(nullable = true, description = "The department's report for the current period, if any") PeriodReport periodReport) {
    }

    @Schema(name = "PeriodReport")
    public record PeriodReport(UUID id, @Schema(example = "DRAFT") WorkflowState state, @Schema(example = "1") long revision) {
    }

    @Schema(name = "Todo", description = "A department's measures with their status and what is due this period")
    public record TodoView(
            @Schema(example = "ENV") String departmentCode,
            @Schema(example = "2026-05") String period,
            @Schema(description = "Last day to report on the current period", example = "2026-05-31") LocalDate reportDueOn,
            @Schema(example = "12") int missingReports,
            @Schema(description = "Overdue first, then missing this period's report, then by deadline") List<TodoItem> measures) {
    }
}
