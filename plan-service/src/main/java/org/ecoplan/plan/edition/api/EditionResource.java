package org.ecoplan.plan.edition.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.ecoplan.plan.edition.EditionAdoptionService;
import org.ecoplan.plan.edition.EditionChanges;
import org.ecoplan.plan.edition.EditionService;
import org.ecoplan.plan.edition.api.EditionViews.AdoptionView;
import org.ecoplan.plan.edition.api.EditionViews.EditionView;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.QueryParameters;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/editions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Editions", description = "Editions of a district's plan (征求意见稿, 修订稿, …): compare them, adopt a revised one as the current plan")
public class EditionResource {

    private final EditionService editions;
    private final EditionAdoptionService adoption;
    private final Caller caller;

    EditionResource(EditionService editions, EditionAdoptionService adoption, Caller caller) {
        this.editions = editions;
        this.adoption = adoption;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listEditions", summary = "Editions of the plans", description = "Every imported edition, newest year first, then in the order loaded. The first edition of a district and year is CURRENT; later ones load as CANDIDATEs beside it.")
    @APIResponse(responseCode = "200", description = "The editions", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = EditionView.class)))
    public List<EditionView> list(@QueryParam("district") @Parameter(description = "District", example = "延庆区") String district,
            @QueryParam("year") @Parameter(description = "Plan year", example = "2026") Integer year) {
        return editions.editions(QueryParameters.text(district), year).stream().map(EditionView::of).toList();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getEdition", summary = "One edition")
    @APIResponse(responseCode = "200", description = "The edition", content = @Content(schema = @Schema(implementation = EditionView.class)))
    @APIResponse(responseCode = "404", description = "No such edition", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EditionView edition(@PathParam("id") UUID id) {
        return EditionView.of(editions.edition(id));
    }

    @GET
    @Path("/{id}/changes")
    @PermitAll
    @Operation(operationId = "compareEditions", summary = "What changed from another edition to this one", description = "Tasks and measures added, removed, changed (character-level text difference, deadline, departments added or removed per role) and moved, indicators whose target changed. Matched by content, not position: a measure moved within or between tasks is MOVED. Without `from`, compares with the current edition of the same district and year: what adopting this candidate would change.")
    @APIResponse(responseCode = "200", description = "The changes", content = @Content(schema = @Schema(implementation = EditionChanges.class)))
    @APIResponse(responseCode = "400", description = "`from` is this edition, an edition of another plan, or missing where there is no current edition", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such edition", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EditionChanges changes(@PathParam("id") UUID id,
            @QueryParam("from") @Parameter(description = "The earlier edition's document id; default: the current edition", example = "9574cc95-1965-4c54-94c0-309a5ca0baf0") String from) {
        return editions.changes(id, QueryParameters.uuid("from", from)).changes();
    }

    @POST
    @Path("/{id}/adoption")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "adoptEdition", summary = "Adopt a candidate edition as the current plan (admin)", description = "In one transaction: measures (and indicators) that continue keep their catalogue id, so progress reports, statuses and alerts in other services stay attached; changed and moved ones are published at a new revision with their new text, deadline, departments and place; removed ones are closed (status CLOSED), not deleted; added ones, the new plans, sections and tasks are published. The earlier edition becomes SUPERSEDED and stays readable as it was. Every department a change concerns gets a plan.edition-adopted.v1 notice.")
    @APIResponse(responseCode = "200", description = "Adopted", content = @Content(schema = @Schema(implementation = AdoptionView.class)))
    @APIResponse(responseCode = "404", description = "No such edition", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The edition is not a candidate (already current, or superseded)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AdoptionView adopt(@PathParam("id") UUID id) {
        return AdoptionView.of(adoption.adopt(id, caller.name()));
    }
}
