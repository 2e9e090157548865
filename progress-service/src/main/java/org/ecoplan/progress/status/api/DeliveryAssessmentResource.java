package org.ecoplan.progress.status.api;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.progress.status.DeliveryAssessmentJob;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.security.Roles;

@Path("/delivery-assessment/run")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "jwt")
@Tag(name = "Status", description = "Measures' official status and departments' to-do lists")
public class DeliveryAssessmentResource {

    private final DeliveryAssessmentJob job;

    DeliveryAssessmentResource(DeliveryAssessmentJob job) {
        this.job = job;
    }

    @POST
    @Operation(operationId = "runDeliveryAssessment", summary = "Run today's delivery assessment now (admin)",
            description = "What the scheduler does after midnight (ecoplan.progress.delivery.assessment-cron): assesses every catalogue measure on today's business date and publishes each change. Once per business date across replicas: a second call on the same date, or while another replica runs it, does nothing (ran: false).")
    @APIResponse(responseCode = "200", description = "What the run did", content = @Content(schema = @Schema(implementation = AssessmentRunView.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AssessmentRunView run() {
        DeliveryAssessmentJob.Result result = job.run();
        return new AssessmentRunView(result.businessDate(), result.ran(), result.assessed(), result.published().size());
    }

    @Schema(name = "DeliveryAssessmentRun")
    public record AssessmentRunView(
            @Schema(example = "2026-07-01") LocalDate businessDate,
            @Schema(description = "false: the date was assessed already, or another replica is assessing it") boolean ran,
            @Schema(description = "Measures assessed", example = "212") int assessed,
            @Schema(description = "Measures whose change was published", example = "37") int published) {
    }
}
