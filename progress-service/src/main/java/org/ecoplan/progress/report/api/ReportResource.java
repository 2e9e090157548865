package org.ecoplan.progress.report.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
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
import org.ecoplan.progress.idempotency.OfflineBatch;
import org.ecoplan.progress.report.ProgressReport;
import org.ecoplan.progress.report.ReportFilter;
import org.ecoplan.progress.report.ReportRequest;
import org.ecoplan.progress.report.ReportService;
import org.ecoplan.progress.report.RequestClient;
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
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Reports", description = "Progress reports: filing from a phone (idempotent, offline batches), review, change feed and history")
public class ReportResource {

    /** Written into each report action (the report's history), so support can tell two phones apart. */
    static final String CLIENT_ID_DOC = "Names the client installation (e.g. one phone); kept in the report's history";

    static final String CREATE_EXAMPLE = "{\"measureId\":\"3822e92d-0107-4565-8db8-cfdaf9d062a9\",\"kind\":\"MONTHLY\",\"period\":\"2026-05\",\"status\":\"ON_TRACK\",\"percentComplete\":40,\"narrative\":\"已完成12家重点企业VOCs治理设施升级改造，其余企业正在施工。\",\"measuredValues\":[{\"name\":\"城市道路机械化作业率\",\"value\":97.6,\"unit\":\"%\"}],\"clientTimestamp\":\"2026-05-28T01:15:00Z\",\"submit\":true}";

    private final ReportService workflow;
    private final ReportQueryService queries;
    private final IdempotentRequests idempotency;
    private final OfflineBatch batch;
    private final ObjectMapper mapper;

    ReportResource(ReportService workflow, ReportQueryService queries, IdempotentRequests idempotency,
            OfflineBatch batch, ObjectMapper mapper) {
        this.workflow = workflow;
        this.queries = queries;
        this.idempotency = idempotency;
        this.batch = batch;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "fileReport", summary = "File a report (reporter)", description = "Creates a draft, or submits at once with `submit: true`. The caller's department (token claim `department`) must have a role on the measure, directly or through a group. Send an `Idempotency-Key`: a retry with the same key and body answers the original result (header `Idempotent-Replayed: true`) and creates nothing; the same key with another body gets 422. One MONTHLY report per measure, department and period (409 otherwise).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportRequest.class),
            examples = @ExampleObject(name = "monthly report, submitted at once", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created (or, with Idempotent-Replayed, created by the first send)", content = @Content(schema = @Schema(implementation = ReportView.class)),
            headers = { @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION), @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG) })
    @APIResponse(responseCode = "403", description = "The department has no role on the measure", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
            examples = @ExampleObject(name = "other department's measure", value = "{\"type\":\"https://ecoplan.example/problems/forbidden\",\"title\":\"Not allowed\",\"status\":403,\"detail\":\"Department WATER has no role on measure 3822e92d-0107-4565-8db8-cfdaf9d062a9 and cannot report on it / 该部门不承担此措施，无权填报\",\"instance\":\"/reports\"}")))
    @APIResponse(responseCode = "409", description = "This period's monthly report exists already")
    @APIResponse(responseCode = "422", description = "Unknown measure, a period not begun, or an Idempotency-Key reused with another body")
    @Parameter(name = RequestClient.CLIENT_ID_HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING, maxLength = 200), description = CLIENT_ID_DOC, example = "phone-7f3a")
    public Response create(
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Unique per request; reuse it only to retry", example = "phone-7f3a-000123") String idempotencyKey,
            @Valid @NotNull(message = "a JSON body is required") ReportRequest body) {
        return idempotency.execute(idempotencyKey, "POST /reports", body, () -> created(workflow.create(body)));
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "syncReports", summary = "Sync an offline queue (reporter)", description = "Files up to 200 reports in one call and answers per item, in order. Each item's `clientReference` is its idempotency key (per caller), so re-sending the whole batch after a lost answer creates nothing twice: already filed items answer 200 with `replayed: true` and the original report. Each item is its own transaction; a refused item (4xx with a problem) leaves the others alone. No Idempotency-Key header is needed here.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "a week offline", value = "{\"items\":[{\"clientReference\":\"phone-7f3a-000123\",\"report\":" + CREATE_EXAMPLE + "},{\"clientReference\":\"phone-7f3a-000124\",\"report\":{\"measureId\":\"3822e92d-0107-4565-8db8-cfdaf9d062a9\",\"kind\":\"AD_HOC\",\"status\":\"AT_RISK\",\"percentComplete\":45,\"narrative\":\"设备到货延迟\"}}]}")))
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "The batch itself is malformed (not the items)")
    @Parameter(name = RequestClient.CLIENT_ID_HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING, maxLength = 200), description = CLIENT_ID_DOC, example = "phone-7f3a")
    public BatchResult batch(@Valid @NotNull(message = "a JSON body is required") BatchRequest body) {
        return new BatchResult(batch.file(body.items(), "POST /reports", "/reports/batch",
                new OfflineBatch.Items<>("report", BatchItem::clientReference, BatchItem::report, ReportRequest::checkConsistency,
                        report -> created(workflow.create(report))),
                BatchItemResult::new));
    }

    @GET
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "listReports", summary = "List reports", description = "A page of reports, newest change first, filtered by measure, department, state, period and status (AND). Reporters see their own department's reports only. To follow every change, read the change feed (listReportChanges) instead of paging through this list. Weak ETag; If-None-Match gives 304.")
    @APIResponse(responseCode = "200", description = "A page of reports", content = @Content(schema = @Schema(implementation = ReportPage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "308", description = "Only with the deprecated `since`: the change feed moved to /reports/changes, same query",
            headers = @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION))
    @APIResponse(responseCode = "403", description = "A reporter asked for another department")
    public Response list(
            @QueryParam("measure") @Parameter(description = "Measure id", example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String measure,
            @QueryParam("department") @Parameter(description = "Department code", example = "ENV") String department,
            @QueryParam("state") @Parameter(description = "DRAFT, SUBMITTED, APPROVED or RETURNED", example = "SUBMITTED") String state,
            @QueryParam("period") @Parameter(description = "Reporting month", example = "2026-05") String period,
            @QueryParam("status") @Parameter(description = "NOT_STARTED, ON_TRACK, AT_RISK, DELAYED or COMPLETED", example = "AT_RISK") String status,
            @QueryParam("since") @Parameter(deprecated = true, description = "Deprecated: read GET /reports/changes?since= instead; this answers 308 there, so app versions that still send it keep working", example = "1042") String since,
            @Valid @BeanParam PageRequest page, @Context UriInfo uri, @Context Request request) {
        if (since != null) {
            // The feed used to share this path; one operation per answer shape keeps generated clients exact.
            return Response.status(Response.Status.PERMANENT_REDIRECT)
                    .location(uri.getBaseUriBuilder().path("reports/changes").replaceQuery(uri.getRequestUri().getRawQuery()).build())
                    .build();
        }
        var filter = new ReportFilter(QueryParameters.text(measure), QueryParameters.text(department),
                QueryParameters.enumValue("state", state, WorkflowState.class), QueryParameters.text(period),
                QueryParameters.enumValue("status", status, ReportStatus.class));
        return ETags.conditionalGet(request, queries.search(filter, page), mapper);
    }

    @GET
    @Path("/changes")
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "listReportChanges", summary = "The change feed: reports changed after a cursor", description = "Reports changed after the cursor `since` (0 for everything), oldest change first, at most `size`; a report changed twice appears once, at its latest change. Store `nextCursor` and send it as `since` next time; `hasMore: true` means call again at once. Reporters see their own department's reports only. Weak ETag; If-None-Match gives 304.")
    @APIResponse(responseCode = "200", description = "The changes after the cursor", content = @Content(schema = @Schema(implementation = ReportChanges.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "403", description = "A reporter asked for another department")
    public Response changes(
            @QueryParam("since") @NotNull(message = "is required (0 for everything)") @Min(value = 0, message = "must be 0 or more")
            @Parameter(required = true, description = "The cursor: nextCursor of the previous call, 0 for everything", example = "1042") Long since,
            @QueryParam("department") @Parameter(description = "Department code", example = "ENV") String department,
            @QueryParam("size") @DefaultValue("50") @Min(value = 1, message = "must be 1 or more") @Max(value = PageRequest.MAX_SIZE, message = "must be at most " + PageRequest.MAX_SIZE)
            @Parameter(description = "Most reports per answer (1-" + PageRequest.MAX_SIZE + ")", example = "100") int size,
            @Context Request request) {
        return ETags.conditionalGet(request, queries.changesSince(since, QueryParameters.text(department), size), mapper);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "getReport", summary = "One report", description = "The ETag is the report's revision: send it in If-Match to change, submit, approve or return it.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ReportView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "403", description = "Another department's report")
    public Response report(@PathParam("id") @Parameter(example = "0b6f0c2e-8f4f-4b57-9c1f-2d0c5f0e9a11") UUID id, @Context Request request) {
        ReportView view = queries.report(id);
        return ETags.conditionalGet(request, ETags.ofRevision(view.revision()), view);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "replaceReport", summary = "Replace a draft's or returned report's content (reporter)", description = "Requires If-Match with the ETag last read: a stale one gets 412 and changes nothing, a missing one 428. measureId, kind and period cannot change. `submit: true` submits after the change.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportRequest.class),
            examples = @ExampleObject(name = "corrected after return", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The changed report with its new ETag", content = @Content(schema = @Schema(implementation = ReportView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @Parameter(name = RequestClient.CLIENT_ID_HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING, maxLength = 200), description = CLIENT_ID_DOC, example = "phone-7f3a")
    @APIResponse(responseCode = "409", description = "The report is submitted or approved")
    public Response update(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"1\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ReportRequest body) {
        long expected = ETags.requiredRevision(ifMatch);
        return tagged(Response.ok(), workflow.update(id, expected, body));
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed(Roles.REPORTER)
    @Operation(operationId = "submitReport", summary = "Submit a draft or returned report (reporter)", description = "Requires If-Match. Publishes progress.report-submitted.v1. An Idempotency-Key makes a retry answer the original result.")
    @APIResponse(responseCode = "200", description = "The submitted report", content = @Content(schema = @Schema(implementation = ReportView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @Parameter(name = RequestClient.CLIENT_ID_HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING, maxLength = 200), description = CLIENT_ID_DOC, example = "phone-7f3a")
    @APIResponse(responseCode = "409", description = "Not a draft or returned report")
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
    @Operation(operationId = "approveReport", summary = "Approve a submitted report (supervisor)", description = "A supervisor, or where `ecoplan.progress.lead-department-approves` is on a reporter of the measure's LEAD department; never one's own report. Requires If-Match. Publishes progress.report-approved.v1 and, when a LEAD or RESPONSIBLE report changes the measure's official status, progress.measure-status-changed.v1.")
    @APIResponse(responseCode = "200", description = "The approved report", content = @Content(schema = @Schema(implementation = ReportView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @Parameter(name = RequestClient.CLIENT_ID_HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING, maxLength = 200), description = CLIENT_ID_DOC, example = "phone-7f3a")
    @APIResponse(responseCode = "403", description = "Not a reviewer of this report")
    @APIResponse(responseCode = "409", description = "Not submitted")
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
    @Operation(operationId = "returnReport", summary = "Return a submitted report with a reason (supervisor)", description = "Same reviewers as approve. The department corrects it (PUT) and submits again. Requires If-Match. Publishes progress.report-returned.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnRequest.class),
            examples = @ExampleObject(name = "missing evidence", value = "{\"reason\":\"请补充现场照片和完成数量\"}")))
    @APIResponse(responseCode = "200", description = "The returned report", content = @Content(schema = @Schema(implementation = ReportView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @Parameter(name = RequestClient.CLIENT_ID_HEADER, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING, maxLength = 200), description = CLIENT_ID_DOC, example = "phone-7f3a")
    @APIResponse(responseCode = "400", description = "No reason")
    @APIResponse(responseCode = "403", description = "Not a reviewer of this report")
    @APIResponse(responseCode = "409", description = "Not submitted")
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
    @Operation(operationId = "getReportHistory", summary = "Every change of a report", description = "Oldest first: who did what, when, from which client (User-Agent, X-Client-Id), with the report before and after.")
    @APIResponse(responseCode = "200", description = "The actions", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ReportActionView.class)))
    @APIResponse(responseCode = "403", description = "Another department's report")
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
