package org.ecoplan.notification.episode.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.ecoplan.notification.alert.RaisedAlert;
import org.ecoplan.notification.episode.EpisodeEscalation;
import org.ecoplan.notification.episode.EpisodeReportCheck;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Runs the episodes' two checks now, as their schedulers do (every 5 minutes, hourly at :10): an operator after an
 * outage, a test that moved the business clock. Both are idempotent and take the supervision lock, so running them
 * beside the schedulers or on two replicas raises nothing twice.
 */
@Path("/episode-checks/run")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Tag(name = "Episodes", description = "Heavy-pollution episodes: member units acknowledge their duties; missing acknowledgements are escalated")
public class EpisodeCheckResource {

    private final EpisodeEscalation escalation;
    private final EpisodeReportCheck reportCheck;
    private final BusinessClock clock;

    EpisodeCheckResource(EpisodeEscalation escalation, EpisodeReportCheck reportCheck, BusinessClock clock) {
        this.escalation = escalation;
        this.reportCheck = reportCheck;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "runEpisodeChecks", summary = "Run the episodes' checks now (admin)", description = "The acknowledgement check (EPISODE_UNACKNOWLEDGED after ecoplan.episodes.acknowledge-within, EPISODE_ESCALATED_TO_HEAD after head-escalation-after) and the daily-report check (EPISODE_REPORT_MISSING after daily-report-hour), by the business clock, as the schedulers run them (check-cron, report-check-cron). Idempotent: raises only alerts not raised before.")
    @APIResponse(responseCode = "200", description = "The alerts this run raised (none if they were raised before)", content = @Content(
            schema = @Schema(implementation = CheckResult.class), examples = @ExampleObject(name = "two escalations",
                    value = "{\"checkedAt\":\"2026-12-03T02:05:00Z\",\"raised\":[{\"rule\":\"EPISODE_UNACKNOWLEDGED\",\"subjectId\":\"5f0c…\",\"period\":\"POLICE@rev1\"},{\"rule\":\"EPISODE_UNACKNOWLEDGED\",\"subjectId\":\"5f0c…\",\"period\":\"WEATHER@rev1\"}]}")))
    public CheckResult run() {
        Instant now = clock.now();
        List<Raised> raised = new java.util.ArrayList<>();
        escalation.check().forEach(alert -> raised.add(Raised.of(alert)));
        reportCheck.check().forEach(alert -> raised.add(Raised.of(alert)));
        return new CheckResult(now, raised);
    }

    @Schema(name = "EpisodeCheckResult")
    public record CheckResult(@Schema(description = "The business clock's time of the run") Instant checkedAt,
            @Schema(description = "Alerts raised by this run") List<Raised> raised) {
    }

    @Schema(name = "EpisodeCheckAlert")
    public record Raised(@Schema(example = "EPISODE_UNACKNOWLEDGED") String rule,
            @Schema(description = "The episode id") String subjectId,
            @Schema(description = "<unit>@rev<n> for escalations, <unit>@<day> for missing reports", example = "POLICE@rev1") String period) {

        static Raised of(RaisedAlert alert) {
            return new Raised(alert.draft().rule().name(), alert.draft().subjectId(), alert.draft().period());
        }
    }
}
