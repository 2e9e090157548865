package org.ecoplan.plan.catalogue.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.plan.catalogue.CatalogueQueryService;
import org.ecoplan.plan.catalogue.api.CatalogueViews.PlanTree;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.input.Years;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plans", description = "Action plans (附件1-3) and their tree of sections, key tasks and measures")
@PermitAll
public class PlanResource {

    @Inject
    CatalogueQueryService catalogue;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(operationId = "listPlans", summary = "List plans", description = "Every loaded plan with its task and measure counts, newest year first. Weak ETag; send If-None-Match to get 304.")
    @APIResponse(responseCode = "200", description = "A page of plans", content = @Content(schema = @Schema(implementation = CatalogueViews.PlanPage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response list(@QueryParam("district") @Parameter(description = "District", example = "延庆区") String district,
            @QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(description = "Plan year", example = "2026") Integer year,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        return ETags.conditionalGet(request, catalogue.listPlans(QueryParameters.text(district), year, page), mapper);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPlanTree", summary = "A plan with its tree", description = "Sections, subsections, key tasks in number order and each task's measures in document order.")
    @APIResponse(responseCode = "200", description = "The plan tree", content = @Content(schema = @Schema(implementation = PlanTree.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response tree(@PathParam("id") UUID id, @Context Request request) {
        return ETags.conditionalGet(request, catalogue.planTree(id), mapper);
    }
}
