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
import org.ecoplan.plan.catalogue.api.CatalogueViews.IndicatorView;
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

@Path("/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicators", description = "The indicator table (附件4): year-end targets with lead and co-operating departments")
@PermitAll
public class IndicatorResource {

    @Inject
    CatalogueQueryService catalogue;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(operationId = "listIndicators", summary = "The indicator table", description = "Indicators in table order (22 for Yanqing 2026), newest year first. Weak ETag; send If-None-Match to get 304.")
    @APIResponse(responseCode = "200", description = "A page of indicators", content = @Content(schema = @Schema(implementation = CatalogueViews.IndicatorPage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response list(@QueryParam("district") @Parameter(description = "District", example = "延庆区") String district,
            @QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(description = "Plan year", example = "2026") Integer year,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        return ETags.conditionalGet(request, catalogue.indicators(QueryParameters.text(district), year, page), mapper);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIndicator", summary = "One indicator")
    @APIResponse(responseCode = "200", description = "The indicator", content = @Content(schema = @Schema(implementation = IndicatorView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response indicator(@PathParam("id") UUID id, @Context Request request) {
        IndicatorView view = catalogue.indicator(id);
        return ETags.conditionalGet(request, ETags.ofRevision(view.revision()), view);
    }
}
