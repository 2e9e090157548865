package org.ecoplan.indicator.status.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.status.CandidateReview;
import org.ecoplan.indicator.status.IndicatorService;
import org.ecoplan.indicator.status.TargetChange;
import org.ecoplan.indicator.status.api.IndicatorViews.ExtractionReport;
import org.ecoplan.indicator.status.api.IndicatorViews.IndicatorPage;
import org.ecoplan.indicator.status.api.IndicatorViews.IndicatorView;
import org.ecoplan.indicator.tracking.Origin;
import org.ecoplan.indicator.tracking.ReviewState;
import org.ecoplan.web.etag.ETags;
import org.ecoplan.web.input.Years;
import org.ecoplan.web.openapi.ApiHeaders;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicators", description = "Indicators with parsed targets, status and projection; candidates extracted from measure texts")
public class IndicatorResource {

    private final IndicatorService indicators;
    private final IndicatorQueryService queries;
    private final Caller caller;
    private final ObjectMapper mapper;

    IndicatorResource(IndicatorService indicators, IndicatorQueryService queries, Caller caller, ObjectMapper mapper) {
        this.indicators = indicators;
        this.queries = queries;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listIndicators", summary = "Indicators with target and status", description = "Weak ETag; send If-None-Match to get 304. The 22 of 附件4 (origin TABLE) and targets extracted from measure texts (origin MEASURE). Filters combine with AND. `reviewState=CANDIDATE` lists extracted targets waiting for an administrator.")
    @APIResponse(responseCode = "200", description = "A page of indicators", content = @Content(schema = @Schema(implementation = IndicatorPage.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response list(@QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(description = "Plan year", example = "2026") Integer year,
            @QueryParam("origin") @Parameter(description = "TABLE or MEASURE", example = "TABLE") String origin,
            @QueryParam("reviewState") @Parameter(description = "CANDIDATE, CONFIRMED or REJECTED", example = "CONFIRMED") String reviewState,
            @QueryParam("status") @Parameter(description = "ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA or TARGET_PENDING", example = "AT_RISK") String status,
            @Valid @BeanParam PageRequest page, @Context Request request) {
        Page<IndicatorView> found = queries.list(year, QueryParameters.enumValue("origin", origin, Origin.class),
                QueryParameters.enumValue("reviewState", reviewState, ReviewState.class),
                QueryParameters.enumValue("status", status, IndicatorStatus.class), page);
        return ETags.conditionalGet(request, found, mapper);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getIndicator", summary = "One indicator with its target, status, projection and what the rest of the year must achieve")
    @APIResponse(responseCode = "200", description = "The indicator", content = @Content(schema = @Schema(implementation = IndicatorView.class)),
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG))
    public Response get(@PathParam("id") @Parameter(example = "bf0854ad-1098-4cfa-80cd-0d43277b45a0") String id,
            @Context Request request) {
        return ETags.conditionalGet(request, queries.get(id), mapper);
    }

    @PUT
    @Path("/{id}/target")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "setIndicatorTarget", summary = "Set a target (admin)", description = "For targets that refer to the city's requirement (达到市级要求), or to correct a parsed one. The indicator is judged again at once and the change published.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetChange.class),
            examples = @ExampleObject(name = "city requirement known", value = "{\"value\":1250.5,\"unit\":\"吨\",\"comparison\":\"AT_LEAST\"}")))
    @APIResponse(responseCode = "200", description = "The indicator with its new target and status", content = @Content(schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "400", description = "Invalid target")
    public IndicatorView setTarget(@PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") TargetChange change) {
        indicators.setTarget(id, change, caller.name());
        return queries.get(id);
    }

    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "confirmIndicator", summary = "Confirm an extracted target (admin)", description = "Optionally with corrections. From then on it is judged, published and fed by measured values of approved progress reports.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CandidateReview.class),
            examples = @ExampleObject(name = "as found", value = "{}")))
    @APIResponse(responseCode = "200", description = "The confirmed indicator", content = @Content(schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "409", description = "Not an extracted indicator")
    public IndicatorView confirm(@PathParam("id") String id, @Valid CandidateReview review) {
        indicators.confirm(id, review, caller.name());
        return queries.get(id);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "rejectIndicator", summary = "Reject an extracted target (admin)")
    @APIResponse(responseCode = "200", description = "The rejected indicator", content = @Content(schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "409", description = "Not an extracted indicator")
    public IndicatorView reject(@PathParam("id") String id) {
        indicators.reject(id, caller.name());
        return queries.get(id);
    }

    @GET
    @Path("/extraction")
    @PermitAll
    @Operation(operationId = "getTargetExtraction", summary = "What the measure-text extractor found and could not read", description = "`unread` lists per-cent figures whose meaning the extractor could not tell, per measure, for a person to look at.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ExtractionReport.class)))
    public ExtractionReport extraction() {
        return queries.extractionReport();
    }
}
