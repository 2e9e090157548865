package org.ecoplan.progress.report.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.contract.WorkflowState;
import org.ecoplan.progress.idempotency.IdempotentRequests;
import org.ecoplan.progress.idempotency.StoredResponse;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportFilter;
import org.ecoplan.progress.report.ReportQueryService;
import org.ecoplan.progress.report.ReportService;
import org.ecoplan.progress.report.api.ReportViews.BatchItem;
import org.ecoplan.progress.report.api.ReportViews.BatchItemResult;
import org.ecoplan.progress.report.api.ReportViews.BatchRequest;
import org.ecoplan.progress.report.api.ReportViews.BatchResult;
import org.ecoplan.progress.report.api.ReportViews.ReportActionView;
import org.ecoplan.progress.report.api.ReportViews.ReportChanges;
import org.ecoplan.progress.report.api.ReportViews.ReportPage;
import org.ecoplan.progress.report.api.ReportViews.ReportView;
import org.ecoplan.progress.report.api.ReportViews.ReturnRequest;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Reports", description = "Progress reports: filing from a phone (idempotent, offline batches), review, change feed and history")
public class ReportResource {

    static final String CREATE_EXAMPLE = "{\"measureId\":\"3822e92d-0107-4565-8db8-cfdaf9d062a9\",\"kind\":\"MONTHLY\",\"period\":\"2026-05\",\"status\":\"ON_TRACK\",\"percentComplete\":40,\"narrative\":\"已完成12家重点企业VOCs治理设施升级改造，其余企业正在施工。\",\"measuredValues\":[{\"name\":\"城市道路机械化作业率\",\"value\":97.6,\"unit\":\"%\"}],\"clientTimestamp\":\"2026-05-28T01:15:00Z\",\"submit\":true}";

    @Inject
    ReportService workflow;

    @Inject
    ReportQueryService queries;

    @Inject
    IdempotentRequests idempotency;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(summary = "File a report (reporter)", description = "Creates a draft, or submits at once with `submit: true`. The caller's department (token claim `department`) must have a role on the measure, directly or through a group. Send an `Idempotency-Key`: a retry with the same key and body answers the original result (header `Idempotent-Replayed: true`) and creates nothing; the same key with another body gets 422. One MONTHLY report per measure, department and period (409 otherwise).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportRequest.class),
            examples = @ExampleObject(name = "monthly report, submitted at once", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location and ETag set", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid body; errors[].field names the field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The department has no role on the measure", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "other department's measure", value = "{\"type\":\"https://ecoplan.example/problems/forbidden\",\"title\":\"Not allowed\",\"status\":403,\"detail\":\"Department WATER has no role on measure 3822e92d-0107-4565-8db8-cfdaf9d062a9 and cannot report on it / 该部门不承担此措施，无权填报\",\"instance\":\"/reports\"}")))
    @APIResponse(responseCode = "409", description = "This period's monthly report exists already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown measure, a period not begun, or an Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Unique per request; reuse it only to retry", example = "phone-7f3a-000123") String idempotencyKey,
            @Valid @NotNull(message = "a JSON body is required") ReportRequest body) {
        return idempotency.execute(idempotencyKey, "POST /reports", body, () -> created(workflow.create(body)));
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(summary = "Sync an offline queue (reporter)", description = "Files up to 200 reports in one call and answers per item, in order. Each item's `clientReference` is its idempotency key (per caller), so re-sending the whole batch after a lost answer creates nothing twice: already filed items answer 200 with `replayed: true` and the original report. Each item is its own transaction; a refused item (4xx with a problem) leaves the others alone. No Idempotency-Key header is needed here.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "a week offline", value = "{\"items\":[{\"clientReference\":\"phone-7f3a-000123\",\"report\":" + CREATE_EXAMPLE + "},{\"clientReference\":\"phone-7f3a-000124\",\"report\":{\"measureId\":\"3822e92d-0107-4565-8db8-cfdaf9d062a9\",\"kind\":\"AD_HOC\",\"status\":\"AT_RISK\",\"percentComplete\":45,\"narrative\":\"设备到货延迟\"}}]}")))
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "The batch itself is malformed (not the items)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchResult batch(@Valid @NotNull(message = "a JSON body is required") BatchRequest body) {
        List<BatchItemResult> results = new ArrayList<>();
        var seen = new HashSet<String>();
        for (int i = 0; i < body.items().size(); i++) {
            results.add(batchItem(i, body.items().get(i), seen));
        }
        return new BatchResult(results);
    }

    private BatchItemResult batchItem(int index, BatchItem item, Set<String> seen) {
        String prefix = "items[" + index + "].";
        String reference = item == null ? null : item.clientReference();
        try {
            if (item == null || reference == null || reference.isBlank()) {
                throw ProblemException.invalidField(prefix + "clientReference", "is required");
            }
            if (!seen.add(reference)) {
                throw ProblemException.invalidField(prefix + "clientReference", "appears twice in this batch");
            }
            if (item.report() == null) {
                throw ProblemException.invalidField(prefix + "report", "is required");
            }
            validate(prefix + "report.", item.report());
            IdempotentRequests.Outcome outcome = idempotency.run(prefix + "clientReference", reference,
                    "POST /reports", item.report(), () -> created(workflow.create(item.report())));
            StoredResponse response = outcome.response();
            return new BatchItemResult(reference, outcome.replayed() ? 200 : response.status(),
                    outcome.replayed() ? Boolean.TRUE : null, response.body(), null);
        } catch (ProblemException problem) {
            ProblemType type = problem.type();
            return new BatchItemResult(reference, type.status(), null, null, new Problem(type.uri(), type.title(),
                    type.status(), problem.getMessage(), "/reports/batch#" + prefix.substring(0, prefix.length() - 1),
                    problem.errors()));
        }
    }

    private void validate(String prefix, ReportRequest report) {
        var violations = validator.validate(report);
        if (!violations.isEmpty()) {
            List<Problem.FieldProblem> errors = violations.stream()
                    .map((ConstraintViolation<ReportRequest> v) -> new Problem.FieldProblem(prefix + v.getPropertyPath(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldProblem::field)).toList();
            throw new ProblemException(ProblemType.VALIDATION, errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
        try {
            report.checkConsistency();
        } catch (ProblemException e) {
            throw new ProblemException(e.type(), e.getMessage(), e.errors().stream()
                    .map(error -> new Problem.FieldProblem(prefix + error.field(), error.message())).toList());
        }
    }

    @GET
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(summary = "List reports, or the change feed", description = "Without `since`: a page of reports, newest change first, filtered by measure, department, state, period and status (AND). With `since` (a cursor; 0 for everything): the change feed, reports changed after the cursor, oldest first, with `nextCursor` to send next time (a report changed twice appears once, at its latest change). Reporters see their own department's reports only.")
    @APIResponse(responseCode = "200", description = "ReportPage without since, ReportChanges with it", content = @Content(schema = @Schema(oneOf = { ReportPage.class, ReportChanges.class })))
    @APIResponse(responseCode = "400", description = "A filter has a bad value", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A reporter asked for another department", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @QueryParam("measure") @Parameter(description = "Measure id", example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measure,
            @QueryParam("department") @Parameter(description = "Department code", example = "ENV") String department,
            @QueryParam("state") @Parameter(description = "DRAFT, SUBMITTED, APPROVED or RETURNED", example = "SUBMITTED") String state,
            @QueryParam("period") @Parameter(description = "Reporting month", example = "2026-05") String period,
            @QueryParam("status") @Parameter(description = "NOT_STARTED, ON_TRACK, AT_RISK, DELAYED or COMPLETED", example = "AT_RISK") String status,
            @QueryParam("since") @Min(value = 0, message = "must be 0 or more") @Parameter(description = "Change-feed cursor (nextCursor of the previous call)", example = "1042") Long since,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        String departmentCode = QueryParameters.text(department);
        if (since != null) {
            return ETags.conditionalGet(request, queries.changesSince(since, departmentCode, page.size), mapper);
        }
        var filter = new ReportFilter(QueryParameters.text(measure), departmentCode,
                QueryParameters.enumValue("state", state, WorkflowState.class), QueryParameters.text(period),
                QueryParameters.enumValue("status", status, ReportStatus.class));
        return ETags.conditionalGet(request, queries.search(filter, page), mapper);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(summary = "One report", description = "The ETag is the report's revision: send it in If-Match to change, submit, approve or return it.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "403", description = "Another department's report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("id") @Parameter(example = "0b6f0c2e-8f4f-4b57-9c1f-2d0c5f0e9a11") UUID id, @Context Request request) {
        ReportView view = queries.report(id);
        return ETags.conditionalGet(request, ETags.ofRevision(view.revision()), view);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(summary = "Replace a draft's or returned report's content (reporter)", description = "Requires If-Match with the ETag last read: a stale one gets 412 and changes nothing, a missing one 428. measureId, kind and period cannot change. `submit: true` submits after the change.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportRequest.class),
            examples = @ExampleObject(name = "corrected after return", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The changed report with its new ETag", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "409", description = "The report is submitted or approved", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "The report changed since the client read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"1\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ReportRequest body) {
        long expected = ETags.requiredRevision(ifMatch);
        return tagged(Response.ok(), workflow.update(id, expected, body));
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed(Roles.REPORTER)
    @Operation(summary = "Submit a draft or returned report (reporter)", description = "Requires If-Match. Publishes progress.report-submitted.v1. An Idempotency-Key makes a retry answer the original result.")
    @APIResponse(responseCode = "200", description = "The submitted report", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "409", description = "Not a draft or returned report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"1\"") String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(example = "phone-7f3a-000125") String idempotencyKey) {
        long expected = ETags.requiredRevision(ifMatch);
        return idempotency.execute(idempotencyKey, "POST /reports/" + id + "/submit", ifMatch,
                () -> tagged(Response.ok(), workflow.submit(id, expected)));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.REPORTER })
    @Operation(summary = "Approve a submitted report (supervisor)", description = "A supervisor, or where `ecoplan.progress.lead-department-approves` is on a reporter of the measure's LEAD department; never one's own report. Requires If-Match. Publishes progress.report-approved.v1 and, when a LEAD or RESPONSIBLE report changes the measure's official status, progress.measure-status-changed.v1.")
    @APIResponse(responseCode = "200", description = "The approved report", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "403", description = "Not a reviewer of this report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not submitted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"2\"") String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(example = "review-2026-06-02-0001") String idempotencyKey) {
        long expected = ETags.requiredRevision(ifMatch);
        return idempotency.execute(idempotencyKey, "POST /reports/" + id + "/approve", ifMatch,
                () -> tagged(Response.ok(), workflow.approve(id, expected)));
    }

    @POST
    @Path("/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.REPORTER })
    @Operation(summary = "Return a submitted report with a reason (supervisor)", description = "Same reviewers as approve. The department corrects it (PUT) and submits again. Requires If-Match. Publishes progress.report-returned.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnRequest.class),
            examples = @ExampleObject(name = "missing evidence", value = "{\"reason\":\"请补充现场照片和完成数量\"}")))
    @APIResponse(responseCode = "200", description = "The returned report", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "No reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a reviewer of this report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not submitted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response returnToDepartment(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"2\"") String ifMatch,
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(example = "review-2026-06-02-0002") String idempotencyKey,
            @Valid @NotNull(message = "a JSON body is required") ReturnRequest body) {
        long expected = ETags.requiredRevision(ifMatch);
        return idempotency.execute(idempotencyKey, "POST /reports/" + id + "/return", body,
                () -> tagged(Response.ok(), workflow.returnToDepartment(id, expected, body.reason())));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(summary = "Every change of a report", description = "Oldest first: who did what, when, from which client (User-Agent, X-Client-Id), with the report before and after.")
    @APIResponse(responseCode = "200", description = "The actions", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ReportActionView.class)))
    @APIResponse(responseCode = "403", description = "Another department's report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such report", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ReportActionView> history(@PathParam("id") UUID id) {
        return queries.history(id);
    }

    private static Response created(ProgressReport report) {
        return tagged(Response.created(URI.create("/reports/" + report.id)).status(Response.Status.CREATED), report);
    }

    private static Response tagged(Response.ResponseBuilder builder, ProgressReport report) {
        return builder.entity(ReportView.of(report)).tag(ETags.ofRevision(report.revision)).build();
    }
}
