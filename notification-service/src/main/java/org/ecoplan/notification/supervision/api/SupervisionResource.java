package org.ecoplan.notification.supervision.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.catalogue.replica.CatalogueNames;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;
import org.ecoplan.progress.replica.MeasureProgress;
import org.ecoplan.progress.replica.ProgressReplica;
import org.ecoplan.notification.supervision.SupervisionScheduler;
import org.ecoplan.notification.supervision.SupervisionScheduler.TickResult;
import org.ecoplan.web.security.Roles;
import org.ecoplan.notification.alert.Alert;
import org.ecoplan.notification.alert.api.AlertResource;
import org.ecoplan.notification.alert.api.AlertView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;

@Path("/supervision")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
@SecurityRequirement(name = "jwt")
@Tag(name = "Supervision", description = "The rules' evaluation (督办) and what this service knows of a measure")
public class SupervisionResource {

    private final SupervisionScheduler scheduler;
    private final ProgressReplica progress;
    private final CatalogueNames names;

    SupervisionResource(SupervisionScheduler scheduler, ProgressReplica progress, CatalogueNames names) {
        this.scheduler = scheduler;
        this.progress = progress;
        this.names = names;
    }

    @POST
    @Path("/run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "runSupervision", summary = "Evaluate the rules for today now (admin)", description = "Idempotent: raises only alerts not raised before. The scheduler does the same on its cron (ecoplan.supervision.cron).")
    @APIResponse(responseCode = "200", description = "What the evaluation did", content = @Content(schema = @Schema(implementation = TickResult.class)))
    public TickResult run() {
        return scheduler.tick();
    }

    @GET
    @Path("/measures/{id}")
    @Operation(operationId = "getSupervisedMeasure", summary = "A measure's progress as known here, with its alerts", description = "The local state kept from progress-service's events (null before any), with the delivery state progress-service decided, and every alert raised for the measure, oldest first.")
    @APIResponse(responseCode = "200", description = "The measure's supervision state", content = @Content(schema = @Schema(implementation = MeasureSupervision.class)))
    public MeasureSupervision measure(@PathParam("id") String id) {
        Map<String, String> departmentNames = names.departmentNames();
        List<AlertView> alerts = Alert.<Alert>find("subjectId", Sort.ascending("businessDate", "raisedAt"), id)
                .list().stream().map(alert -> AlertResource.view(alert, departmentNames)).toList();
        return new MeasureSupervision(id, progress.find(id).map(ProgressView::of).orElse(null), alerts);
    }

    @Schema(name = "MeasureSupervision")
    public record MeasureSupervision(String measureId, @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true) ProgressView progress,
            List<AlertView> alerts) {
    }

    @Schema(name = "MeasureProgress", description = "What this service knows of a measure's progress, from progress-service's events")
    public record ProgressView(String measureId,
            @Schema(description = "Of the latest status event applied; -1 while only reports were seen", example = "3") long sequence,
            @Schema(nullable = true) ReportStatus status, boolean overdue, int percentComplete,
            @Schema(nullable = true) LocalDate completedOn, @Schema(nullable = true, example = "2026-05") String lastReportedPeriod,
            Instant updatedAt,
            @Schema(nullable = true, description = "The delivery state progress-service decided, as its last event carried it") DeliveryView delivery,
            @Schema(nullable = true, description = "When the report that set the status was approved") Instant lastApprovedAt) {

        static ProgressView of(MeasureProgress progress) {
            return new ProgressView(progress.measureId(), progress.sequence(), progress.status(), progress.overdue(),
                    progress.percentComplete(), progress.completedOn(), progress.latestReportedPeriod(), progress.updatedAt(),
                    DeliveryView.of(progress.delivery()), progress.lastApprovedAt());
        }
    }

    /** A delivery assessment as the API shows it (the event contract's record carries no OpenAPI annotations). */
    @Schema(name = "DeliveryAssessment", description = "A measure's delivery state and why, as progress-service decided it on assessedOn")
    public record DeliveryView(
            @Schema(example = "BEHIND_PACE") DeliveryState state,
            @Schema(description = "The state's Chinese name (as the producer named it)", example = "滞后于序时进度") String stateName,
            @Schema(example = "2026-07-02") LocalDate assessedOn,
            @Schema(nullable = true, example = "2026-01-01") LocalDate windowStart,
            @Schema(nullable = true, example = "2026-12-31") LocalDate windowEnd,
            @Schema(nullable = true, description = "序时进度, percent", example = "50") Integer expectedPercent,
            @Schema(nullable = true, description = "Percentage points behind the expected percent", example = "40") Integer paceGap,
            @Schema(nullable = true, example = "2027-01-01") LocalDate overdueSince,
            @Schema(nullable = true, example = "10") Integer daysLate) {

        static DeliveryView of(DeliveryAssessment assessment) {
            return assessment == null ? null
                    : new DeliveryView(assessment.state(), assessment.stateName(), assessment.assessedOn(),
                            assessment.windowStart(), assessment.windowEnd(), assessment.expectedPercent(),
                            assessment.paceGap(), assessment.overdueSince(), assessment.daysLate());
        }
    }
}
