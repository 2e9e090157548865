package org.ecoplan.progress.report.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.progress.contract.MeasuredValue;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportAction;
import org.ecoplan.progress.report.ReportHistory;
import org.ecoplan.progress.report.ReportKind;
import org.ecoplan.progress.report.ReportRequest;
import org.ecoplan.web.input.NotBlankWhenPresent;
import org.ecoplan.web.problem.Problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** The REST bodies of reports: records built from entities, never the entities themselves. */
public final class ReportViews {

    private ReportViews() {
    }

    @Schema(name = "Report", description = "A progress report; absent fields are null (compact for phones)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReportView(
            UUID id,
            @Schema(description = "Grows with every change; the ETag to send in If-Match", example = "2") long revision,
            @Schema(example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measureId,
            @Schema(nullable = true) String planId, @Schema(nullable = true) String taskId,
            @Schema(example = "MONTHLY") ReportKind kind,
            @Schema(nullable = true, example = "2026-05") String period,
            @Schema(example = "SUBMITTED") WorkflowState state,
            @Schema(example = "ON_TRACK") ReportStatus status,
            @Schema(example = "40") int percentComplete,
            @Schema(nullable = true, example = "已完成12家重点企业VOCs治理设施升级改造") String narrative,
            @Schema(nullable = true) List<MeasuredValueView> measuredValues,
            @Schema(example = "ENV") String departmentCode,
            @Schema(example = "LEAD") AssignmentRole departmentRole,
            @Schema(example = "zhang.wei") String reporter,
            @Schema(nullable = true) Instant clientTimestamp, Instant createdAt, Instant updatedAt, @Schema(nullable = true) Instant submittedAt,
            @Schema(nullable = true) String reviewedBy, @Schema(nullable = true) Instant reviewedAt,
            @Schema(nullable = true, example = "请补充现场照片") String returnReason,
            @Schema(example = "2") int evidenceCount,
            @Schema(description = "Position in the change feed (GET /reports/changes?since=)", example = "1042") long changeSeq) {

        public static ReportView of(ProgressReport report) {
            return new ReportView(report.id, report.revision, report.measureId, report.planId, report.taskId,
                    report.kind, report.period, report.state, report.status, report.percentComplete,
                    report.narrative.isEmpty() ? null : report.narrative,
                    report.measuredValues.isEmpty() ? null : report.measuredValues.stream().map(MeasuredValueView::of).toList(),
                    report.departmentCode,
                    report.departmentRole, report.reporter, report.clientTimestamp, report.createdAt, report.updatedAt,
                    report.submittedAt, report.reviewedBy, report.reviewedAt, report.returnReason,
                    report.evidenceCount, report.changeSeq);
        }
    }

    /** A measured value as the API shows it (the event contract's record carries no OpenAPI annotations). */
    @Schema(name = "MeasuredValue", description = "A value reported for a quantified target of the measure")
    public record MeasuredValueView(
            @Schema(example = "城市道路机械化作业率") String name,
            @Schema(example = "97.6") BigDecimal value,
            @Schema(example = "%") String unit,
            @Schema(nullable = true, description = "A subdistrict or town; null for the whole district", example = "百泉街道") String area) {

        static MeasuredValueView of(MeasuredValue value) {
            return new MeasuredValueView(value.name(), value.value(), value.unit(), value.area());
        }
    }

    @Schema(name = "ReportPage", description = "One page of reports, newest change first. Counting stops 10,000 "
            + "reports beyond the page: then totalItemsIsLowerBound is true and totalItems/totalPages say how far one "
            + "can page at least (narrow the filter, or follow the change feed, to see everything).")
    public record ReportPage(List<ReportView> items, int page, int size, long totalItems, int totalPages,
            @Schema(description = "true: at least totalItems reports match", example = "false") boolean totalItemsIsLowerBound) {
    }

    @Schema(name = "ReportChanges", description = "Reports changed after the cursor, oldest change first. Store nextCursor and send it as since= next time; hasMore: call again at once.")
    public record ReportChanges(List<ReportView> items, @Schema(example = "1042") long nextCursor, boolean hasMore) {
    }

    @Schema(name = "ReportAction", description = "One change of a report, with the report before and after")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReportActionView(
            @Schema(example = "SUBMITTED") String action,
            @Schema(example = "2") long revision,
            @Schema(example = "reporter@ecoplan.test") String actor,
            @Schema(nullable = true, example = "ENV") String actorDepartment,
            Instant actedAt,
            @Schema(nullable = true, example = "EcoPlanApp/2.3 (Android 14)") String userAgent,
            @Schema(nullable = true, example = "phone-7f3a") String clientId,
            @Schema(nullable = true) String reason,
            @JsonRawValue @Schema(nullable = true, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) String before,
            @JsonRawValue @Schema(nullable = true, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) String after) {

        public static ReportActionView of(ReportHistory.Entry entry) {
            ReportAction action = entry.action();
            return new ReportActionView(action.action, action.revision, action.actor, action.actorDepartment,
                    action.actedAt, action.userAgent, action.clientId, action.reason, entry.before(), entry.after());
        }
    }

    @Schema(name = "ReturnRequest", description = "Why a report goes back to its department")
    public record ReturnRequest(
            @NotBlank(message = "is required") @NotBlankWhenPresent @Size(max = 2000, message = "must be at most 2000 characters")
            @Schema(example = "请补充现场照片和完成数量") String reason) {
    }

    @Schema(name = "BatchRequest", description = "A phone's offline queue: reports to create (and submit), each with the client's own reference")
    public record BatchRequest(
            @jakarta.validation.constraints.NotNull(message = "is required")
            @Size(min = 1, max = 200, message = "must hold 1 to 200 items") List<BatchItem> items) {
    }

    @Schema(name = "BatchItem")
    public record BatchItem(
            @Schema(description = "Unique per caller: the item's Idempotency-Key, so re-sending the batch creates nothing twice", example = "phone-7f3a-000123")
            String clientReference,
            ReportRequest report) {
    }

    @Schema(name = "BatchResult", description = "One answer per item, in the order sent")
    public record BatchResult(List<BatchItemResult> items) {
    }

    @Schema(name = "BatchItemResult", description = "status 201: created; 200 with replayed: created by an earlier send; 4xx: see problem, nothing was written for this item")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchItemResult(
            @Schema(example = "phone-7f3a-000123") String clientReference,
            @Schema(example = "201") int status,
            @Schema(nullable = true) Boolean replayed,
            @JsonRawValue @Schema(nullable = true, allOf = ReportView.class, description = "The report, for 201 and 200") String report,
            @Schema(nullable = true) Problem problem) {
    }
}
