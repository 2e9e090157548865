package org.ecoplan.progress.status.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.progress.status.api.StatusViews.MeasureStatusView;
import org.ecoplan.progress.status.api.StatusViews.TodoView;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Status", description = "Measures' official status and departments' to-do lists")
public class MeasureStatusResource {

    private final MeasureStatusQueryService queries;
    private final ObjectMapper mapper;

    MeasureStatusResource(MeasureStatusQueryService queries, ObjectMapper mapper) {
        this.queries = queries;
        this.mapper = mapper;
    }

    @GET
    @Path("/measures/{id}/status")
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "getMeasureStatus", summary = "A measure's official status", description = "The latest approved report of a LEAD or RESPONSIBLE department sets it (NOT_STARTED without one); overdue: past the deadline and not completed. Assisting departments' latest approved reports are listed beside it as contributions. Weak ETag; If-None-Match gives 304.")
    @APIResponse(responseCode = "200", description = "The status", content = @Content(schema = @Schema(implementation = MeasureStatusView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "404", description = "The catalogue has no such measure")
    public Response status(@PathParam("id") @Parameter(example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String id,
            @Context Request request) {
        return ETags.conditionalGet(request, queries.status(id), mapper);
    }

    @GET
    @Path("/departments/{code}/todo")
    @RolesAllowed({ Roles.REPORTER, Roles.SUPERVISOR, Roles.ADMIN, Roles.INTEGRATOR })
    @Operation(operationId = "getDepartmentTodo", summary = "A department's to-do list", description = "Its measures (named directly or through a group such as 各街乡镇), each with the official status, overdue, the next deadline and whether this month's report is still missing. A reporter reads its own department's only. Weak ETag; If-None-Match gives 304.")
    @APIResponse(responseCode = "200", description = "The to-do list", content = @Content(schema = @Schema(implementation = TodoView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "403", description = "A reporter asked for another department")
    public Response todo(@PathParam("code") @Parameter(example = "ENV") String code, @Context Request request) {
        return ETags.conditionalGet(request, queries.todo(code.trim()), mapper);
    }
}
