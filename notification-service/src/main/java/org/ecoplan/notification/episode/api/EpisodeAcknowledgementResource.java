package org.ecoplan.notification.episode.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.ecoplan.notification.episode.EpisodeAcknowledgements;
import org.ecoplan.notification.episode.EpisodeAcknowledgements.Acknowledgement;
import org.ecoplan.web.problem.ProblemException;
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

@Path("/episodes/{episodeId}")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Episodes", description = "Heavy-pollution episodes: member units acknowledge their duties; missing acknowledgements are escalated")
public class EpisodeAcknowledgementResource {

    private final EpisodeAcknowledgements acknowledgements;
    private final Caller caller;

    EpisodeAcknowledgementResource(EpisodeAcknowledgements acknowledgements, Caller caller) {
        this.acknowledgements = acknowledgements;
        this.caller = caller;
    }

    @POST
    @Path("/acknowledgement")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.REPORTER})
    @Operation(operationId = "acknowledgeEpisodeDuties", summary = "Acknowledge the unit's duties", description = "Acknowledges the duties last sent to the caller's department (its `department` claim) for the episode: after an upgrade, the new level's. Supervisors and administrators may acknowledge for a unit named in `department` (e.g. on its phone call). Sending it again answers the first acknowledgement unchanged. An acknowledgement stops the escalation (EPISODE_UNACKNOWLEDGED after ecoplan.episodes.acknowledge-within).")
    @APIResponse(responseCode = "200", description = "The acknowledgement", content = @Content(schema = @Schema(implementation = AcknowledgementView.class)))
    @APIResponse(responseCode = "404", description = "No duties of this episode were sent to the department")
    @APIResponse(responseCode = "409", description = "The episode was lifted before it was acknowledged")
    public AcknowledgementView acknowledge(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId,
            @QueryParam("department") @Size(max = 50, message = "must be at most 50 characters") @Parameter(description = "For supervisors and administrators: the unit acknowledged for", example = "HOUSING") String department) {
        String named = QueryParameters.text(department);
        String unit;
        if (named != null && !named.equals(caller.department().orElse(null))) {
            if (!caller.hasRole(Roles.SUPERVISOR) && !caller.hasRole(Roles.ADMIN)) {
                throw ProblemException.forbidden("only supervisors and administrators acknowledge for another department / 仅督办人员可代为确认");
            }
            unit = named;
        } else {
            unit = named != null ? named : caller.department().orElseThrow(() -> ProblemException.invalidField("department",
                    "is required for a caller without a department claim / 请指定部门"));
        }
        return AcknowledgementView.of(acknowledgements.acknowledge(episodeId, unit, caller.name()));
    }

    @GET
    @Path("/acknowledgements")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(operationId = "listEpisodeAcknowledgements", summary = "Who acknowledged the duties, and when (supervisor, admin)", description = "One entry per member unit and episode revision (activation, each level change), in that order.")
    @APIResponse(responseCode = "200", description = "The requests", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AcknowledgementView.class)))
    @APIResponse(responseCode = "404", description = "No duties of this episode were sent")
    public List<AcknowledgementView> list(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId) {
        return acknowledgements.list(episodeId).stream().map(AcknowledgementView::of).toList();
    }

    public record AcknowledgementView(String episodeId,
            @Schema(description = "The episode revision whose duties these are (1: activation; +1 per level change)") long revision,
            @Schema(example = "HOUSING") String departmentCode, @Schema(example = "区住房城乡建设委") String departmentName,
            @Schema(example = "ORANGE") String level, Instant requestedAt,
            @Schema(description = "requestedAt + ecoplan.episodes.acknowledge-within") Instant dueAt,
            @Schema(nullable = true) Instant acknowledgedAt, @Schema(nullable = true) String acknowledgedBy,
            @Schema(nullable = true, description = "Superseded by a level change or closed by the lifting") Instant closedAt,
            @Schema(description = "acknowledgedAt after dueAt") boolean late) {

        static AcknowledgementView of(Acknowledgement a) {
            return new AcknowledgementView(a.episodeId(), a.revision(), a.departmentCode(), a.departmentName(), a.level(),
                    a.requestedAt(), a.dueAt(), a.acknowledgedAt(), a.acknowledgedBy(), a.closedAt(),
                    a.acknowledgedAt() != null && a.acknowledgedAt().isAfter(a.dueAt()));
        }
    }
}
