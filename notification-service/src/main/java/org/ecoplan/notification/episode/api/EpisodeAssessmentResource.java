package org.ecoplan.notification.episode.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecoplan.notification.episode.EpisodeAssessments;
import org.ecoplan.notification.episode.EpisodeAssessments.Assessment;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/episodes/{episodeId}/assessment")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Episodes", description = "Heavy-pollution episodes: member units acknowledge their duties; missing acknowledgements are escalated")
public class EpisodeAssessmentResource {

    private final EpisodeAssessments assessments;

    EpisodeAssessmentResource(EpisodeAssessments assessments) {
        this.assessments = assessments;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(operationId = "assessEpisode", summary = "The episode's assessment (supervisor, admin)", description = "Per member unit: each level's acknowledgement (when, by whom, late or not) and the days whose daily response was on time, late (filed after ecoplan.episodes.daily-report-hour of the day) or missing; the totals of the reported quantities per unit and overall; and the counts. A day is due from every unit sent duties before its hour, while the episode was active at that hour. Final once the episode is lifted; before, as of now.")
    @APIResponse(responseCode = "200", description = "The assessment", content = @Content(schema = @Schema(implementation = Assessment.class)))
    @APIResponse(responseCode = "404", description = "This service knows no such episode")
    public Assessment assess(@PathParam("episodeId") @Size(max = 100, message = "must be at most 100 characters") String episodeId) {
        return assessments.assess(episodeId);
    }
}
