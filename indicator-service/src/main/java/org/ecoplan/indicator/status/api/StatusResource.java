package org.ecoplan.indicator.status.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.indicator.status.Reevaluation;
import org.ecoplan.indicator.status.StatusService;
import org.ecoplan.indicator.status.Thresholds;
import org.ecoplan.indicator.status.ThresholdsInForce;
import org.ecoplan.web.security.Caller;
import org.ecoplan.web.security.Roles;

@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status method", description = "Thresholds of the status judgement and re-evaluation")
public class StatusResource {

    private final StatusService status;
    private final Reevaluation reevaluation;
    private final Caller caller;

    StatusResource(StatusService status, Reevaluation reevaluation, Caller caller) {
        this.status = status;
        this.reevaluation = reevaluation;
        this.caller = caller;
    }

    @GET
    @Path("/thresholds")
    @PermitAll
    @Operation(operationId = "getStatusThresholds", summary = "The thresholds in force", description = "The stored ones with who set them and when; while none are stored, the configured values (updatedBy and updatedAt null).")
    @APIResponse(responseCode = "200", description = "Thresholds", content = @Content(schema = @Schema(implementation = ThresholdsInForce.class)))
    public ThresholdsInForce thresholds() {
        return status.thresholds();
    }

    @PUT
    @Path("/thresholds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "updateStatusThresholds", summary = "Change the thresholds (supervisor, admin)", description = "Stored in the database with who set them and when: "
            + "every instance judges with them from then on, also after a restart. Until the first change the configured values "
            + "(ecoplan.indicator.status.*) apply. Every indicator is judged again at once, in the same transaction; changed "
            + "judgements are published. All five fields are required.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Thresholds.class),
            examples = @ExampleObject(name = "stricter", value = "{\"onTrackMargin\":0.05,\"offTrackMargin\":0.05,\"scheduleOnTrackRatio\":0.95,\"scheduleOffTrackRatio\":0.7,\"minimumProfileDays\":30}")))
    @APIResponse(responseCode = "200", description = "The thresholds now in force", content = @Content(schema = @Schema(implementation = ThresholdsInForce.class)))
    @APIResponse(responseCode = "400", description = "A field missing or out of range (errors[].field names it)")
    public ThresholdsInForce change(@Valid @NotNull(message = "a JSON body is required") Thresholds thresholds) {
        return status.changeThresholds(thresholds, caller.name());
    }

    @POST
    @Path("/reevaluate")
    @RolesAllowed(Roles.ADMIN)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "reevaluateStatuses", summary = "Judge every indicator and roll-up now (admin)", description = "What the daily job does; only changes are published.")
    @APIResponse(responseCode = "200", description = "How many judgements and roll-ups changed")
    public int reevaluate() {
        return reevaluation.run();
    }
}
