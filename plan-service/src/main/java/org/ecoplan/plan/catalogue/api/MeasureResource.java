package org.ecoplan.plan.catalogue.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.catalogue.contract.AssignmentRole;
import org.ecoplan.plan.catalogue.DeadlineKind;
import org.ecoplan.plan.catalogue.MeasureEditService;
import org.ecoplan.plan.catalogue.MeasureFilter;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureEditView;
import org.ecoplan.plan.catalogue.api.CatalogueViews.MeasureView;
import org.ecoplan.plan.department.DepartmentRepository;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.input.Years;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/measures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Measures", description = "Work measures (工作措施): search, detail, administrator edits and their history")
public class MeasureResource {

    private final CatalogueReads catalogue;
    private final MeasureEditService editor;
    private final DepartmentRepository departments;
    private final Caller caller;
    private final ObjectMapper mapper;

    MeasureResource(CatalogueReads catalogue, MeasureEditService editor, DepartmentRepository departments, Caller caller, ObjectMapper mapper) {
        this.catalogue = catalogue;
        this.editor = editor;
        this.departments = departments;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @PermitAll
    @Operation(operationId = "searchMeasures", summary = "Search measures", description = "Filters combine with AND. `department` matches measures that name the department or a group it belongs to (各街乡镇 counts for each of the 18 subdistricts and towns); `role` narrows to one role. `deadlineFrom`/`deadlineTo` bound the deadline's end date (ONGOING measures have none and drop out). Results are in document order. Weak ETag; send If-None-Match to get 304.")
    @APIResponse(responseCode = "200", description = "A page of measures", content = @Content(schema = @Schema(implementation = CatalogueViews.MeasurePage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response search(
            @QueryParam("department") @Parameter(description = "Department code", example = "ENV") String department,
            @QueryParam("role") @Parameter(description = "LEAD, RESPONSIBLE or ASSISTING", example = "LEAD") String role,
            @QueryParam("deadlineKind") @Parameter(description = "DATE, WINDOW or ONGOING", example = "DATE") String deadlineKind,
            @QueryParam("deadlineFrom") @Parameter(description = "Deadline end on or after (ISO date)", example = "2026-01-01") String deadlineFrom,
            @QueryParam("deadlineTo") @Parameter(description = "Deadline end on or before (ISO date)", example = "2026-06-30") String deadlineTo,
            @QueryParam("plan") @Parameter(description = "Plan id") String plan,
            @QueryParam("section") @Parameter(description = "Section or subsection id") String section,
            @QueryParam("task") @Parameter(description = "Key task id") String task,
            @QueryParam("district") @Parameter(description = "District of the plan", example = "延庆区") String district,
            @QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(description = "Plan year", example = "2026") Integer year,
            @QueryParam("q") @Size(max = 100, message = "must be at most 100 characters") @Parameter(description = "Keyword in the measure text", example = "新能源") String keyword,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        UUID departmentId = department == null || department.isBlank() ? null
                : departments.findByCode(department.trim()).map(d -> d.id).orElseThrow(
                        () -> ProblemException.invalidField("department", "unknown department code " + department + " / 未知部门"));
        MeasureFilter filter = new MeasureFilter(departmentId,
                QueryParameters.enumValue("role", role, AssignmentRole.class),
                QueryParameters.enumValue("deadlineKind", deadlineKind, DeadlineKind.class),
                QueryParameters.date("deadlineFrom", deadlineFrom), QueryParameters.date("deadlineTo", deadlineTo),
                QueryParameters.uuid("plan", plan), QueryParameters.uuid("section", section),
                QueryParameters.uuid("task", task), QueryParameters.text(district),
                year, keyword);
        return ETags.conditionalGet(request, catalogue.measures(filter, page), mapper);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getMeasure", summary = "One measure with everything about it", description = "Includes the raw cells of the source document. The ETag is the measure's revision: send it back in If-Match to edit.")
    @APIResponse(responseCode = "200", description = "The measure", content = @Content(schema = @Schema(implementation = MeasureView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response measure(@PathParam("id") UUID id, @Context Request request) {
        MeasureView view = catalogue.measure(id);
        return ETags.conditionalGet(request, ETags.ofRevision(view.revision()), view);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "editMeasure", summary = "Edit a measure (admin)", description = "Changes the text, the deadline and/or the departments. Requires If-Match with the ETag last read; a stale one gets 412 and changes nothing. The edit is kept in the measure's history and published as plan.measure-changed.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeasureEditRequest.class),
            examples = @ExampleObject(name = "move the deadline", value = "{\"deadline\":{\"kind\":\"DATE\",\"end\":\"2026-09-30\",\"label\":\"9月底前\"},\"reason\":\"区政府调整完成时限\"}")))
    @APIResponse(responseCode = "200", description = "The edited measure with its new ETag", content = @Content(schema = @Schema(implementation = MeasureView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "400", description = "Invalid edit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The measure is not in the current edition of its plan (a candidate, a superseded edition) or is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "The measure changed since the client read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A department or group code the registry does not know; errors[].field names it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response edit(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(description = "The ETag last read", example = "\"1\"") String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") MeasureEditRequest body) {
        body.checkConsistency();
        long expected = ETags.requiredRevision(ifMatch);
        MeasureView view = CatalogueViewMapper.detail(editor.edit(id, expected, body.toChange(), caller.name()));
        return Response.ok(view).tag(ETags.ofRevision(view.revision())).build();
    }

    @GET
    @Path("/{id}/history")
    @PermitAll
    @Operation(operationId = "getMeasureHistory", summary = "Edit history of a measure", description = "Every administrator edit, oldest first, with the state before and after.")
    @APIResponse(responseCode = "200", description = "The edits", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = MeasureEditView.class)))
    public List<MeasureEditView> history(@PathParam("id") UUID id) {
        return catalogue.history(id);
    }
}
