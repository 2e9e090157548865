package org.ecoplan.indicator.status;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status method", description = "Thresholds of the status judgement and re-evaluation")
public class StatusResource {

    @Inject
    StatusService status;

    @Inject
    Reevaluation reevaluation;

    @GET
    @Path("/thresholds")
    @PermitAll
    @Operation(summary = "The thresholds in force")
    @APIResponse(responseCode = "200", description = "Thresholds", content = @Content(schema = @Schema(implementation = Thresholds.class)))
    public Thresholds thresholds() {
        return status.thresholds();
    }

    @PUT
    @Path("/thresholds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Change the thresholds (supervisor, admin)", description = "Every indicator is judged again at once. Held in memory: a restart returns to the configured values (ecoplan.indicator.status.*).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Thresholds.class),
            examples = @ExampleObject(name = "stricter", value = "{\"onTrackMargin\":0.05,\"offTrackMargin\":0.05,\"scheduleOnTrackRatio\":0.95,\"scheduleOffTrackRatio\":0.7,\"minimumProfileDays\":30}")))
    @APIResponse(responseCode = "200", description = "The new thresholds", content = @Content(schema = @Schema(implementation = Thresholds.class)))
    @APIResponse(responseCode = "400", description = "Out of range", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Thresholds change(@Valid @NotNull(message = "a JSON body is required") Thresholds thresholds) {
        status.changeThresholds(thresholds);
        return status.thresholds();
    }

    @POST
    @Path("/reevaluate")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Judge every indicator and roll-up now (admin)", description = "What the daily job does; only changes are published.")
    @APIResponse(responseCode = "200", description = "How many judgements and roll-ups changed")
    public int reevaluate() {
        return reevaluation.run();
    }
}
