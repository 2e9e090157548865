package org.ecoplan.notification.supervision.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.catalogue.replica.CatalogueNames;
import org.ecoplan.notification.supervision.MeasureProgress;
import org.ecoplan.notification.supervision.ProgressStore;
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

    @Inject
    SupervisionScheduler scheduler;

    @Inject
    ProgressStore progress;

    @Inject
    CatalogueNames names;

    @POST
    @Path("/run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Evaluate the rules for today now (admin)", description = "Idempotent: raises only alerts not raised before. The scheduler does the same on its cron (ecoplan.supervision.cron).")
    @APIResponse(responseCode = "200", description = "What the evaluation did", content = @Content(schema = @Schema(implementation = TickResult.class)))
    public TickResult run() {
        return scheduler.tick();
    }

    @GET
    @Path("/measures/{id}")
    @Operation(summary = "A measure's progress as known here, with its alerts", description = "The local state kept from progress-service's events (null before any), with the delivery state progress-service decided, and every alert raised for the measure, oldest first.")
    @APIResponse(responseCode = "200", description = "The measure's supervision state", content = @Content(schema = @Schema(implementation = MeasureSupervision.class)))
    public MeasureSupervision measure(@PathParam("id") String id) {
        Map<String, String> departmentNames = names.departmentNames();
        List<AlertView> alerts = Alert.<Alert>find("subjectId", Sort.ascending("businessDate", "raisedAt"), id)
                .list().stream().map(alert -> AlertResource.view(alert, departmentNames)).toList();
        return new MeasureSupervision(id, progress.find(id).orElse(null), alerts);
    }

    @Schema(name = "MeasureSupervision")
    public record MeasureSupervision(String measureId, MeasureProgress progress,
            List<AlertView> alerts) {
    }
}
