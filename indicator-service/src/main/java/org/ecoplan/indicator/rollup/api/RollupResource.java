package org.ecoplan.indicator.rollup.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.ecoplan.indicator.contract.ScopeType;
import org.ecoplan.indicator.rollup.Rollup;
import org.ecoplan.indicator.rollup.api.RollupView.RollupPage;
import org.ecoplan.indicator.rollup.events.ProgressReplay;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Roles;

import io.quarkus.panache.common.Sort;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/rollups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Roll-ups", description = "Plan delivery per plan, section, task and department, from progress events")
public class RollupResource {

    private final ProgressReplay replay;
    private final ObjectMapper mapper;

    RollupResource(ProgressReplay replay, ObjectMapper mapper) {
        this.replay = replay;
        this.mapper = mapper;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listRollups", summary = "Roll-ups", description = "Ordered by scope type and id (primary key). Weak ETag; send If-None-Match to get 304.")
    @APIResponse(responseCode = "200", description = "A page of roll-ups", content = @Content(schema = @Schema(implementation = RollupPage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "400", description = "Bad filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@QueryParam("scopeType") @Parameter(description = "PLAN, SECTION, TASK, DEPARTMENT (what it leads or is responsible for) or DEPARTMENT_ASSISTING (what it only assists)", example = "DEPARTMENT") String scopeType,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        ScopeType type = QueryParameters.enumValue("scopeType", scopeType, ScopeType.class);
        var query = type == null ? Rollup.<Rollup>findAll(Sort.by("key.scopeType").and("key.scopeId"))
                : Rollup.<Rollup>find("key.scopeType", Sort.by("key.scopeId"), type);
        List<RollupView> items = query.page(page.page, page.size).list().stream().map(RollupView::of).toList();
        return ETags.conditionalGet(request, Page.of(items, page, query.count()), mapper);
    }

    @GET
    @Path("/{scopeType}/{scopeId}")
    @PermitAll
    @Operation(operationId = "getRollup", summary = "One scope's roll-up")
    @APIResponse(responseCode = "200", description = "The roll-up", content = @Content(schema = @Schema(implementation = RollupView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    @APIResponse(responseCode = "404", description = "No roll-up for this scope")
    public Response get(@PathParam("scopeType") @Parameter(example = "DEPARTMENT") String scopeType,
            @PathParam("scopeId") @Parameter(example = "ENV") String scopeId, @Context Request request) {
        ScopeType type = QueryParameters.enumValue("scopeType", scopeType, ScopeType.class);
        Rollup rollup = Rollup.findById(new Rollup.Key(type, scopeId));
        if (rollup == null) {
            throw ProblemException.notFound("Roll-up " + scopeType, scopeId);
        }
        // The sequence grows with every change of the figures: it is the scope's revision.
        return ETags.conditionalGet(request, ETags.ofRevision(rollup.sequence), RollupView.of(rollup));
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "rebuildRollups", summary = "Rebuild the roll-ups by replaying ecoplan.progress (admin)", description = "Clears the per-measure progress state, re-reads the topic from its beginning and recomputes, in one transaction; only scopes whose figures differ afterwards are published. Progress events arriving meanwhile wait and are applied right after it. One rebuild at a time, across instances.")
    @APIResponse(responseCode = "200", description = "What the replay did", content = @Content(schema = @Schema(implementation = ProgressReplay.Outcome.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is running already")
    public ProgressReplay.Outcome rebuild() {
        return replay.rebuild();
    }
}
