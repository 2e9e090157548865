package org.ecoplan.web.clock;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;
import org.ecoplan.web.security.Roles;

/**
 * Sets the business clock of a running service, so that the system tests can walk the services together through
 * a year of deadlines. Exists in every service but answers only where {@code ecoplan.clock.adjustable=true} (never
 * in production: there it is 404 for everyone), and only to administrators.
 */
@Path("/admin/clock")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "jwt")
@Tag(name = "Business clock", description = "Test deployments only (ecoplan.clock.adjustable=true): the date every business rule asks")
public class ClockResource {

    private final BusinessClock clock;

    ClockResource(BusinessClock clock) {
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "getBusinessClock", summary = "The business clock (test deployments only)")
    @APIResponse(responseCode = "200", description = "Now, today and the zone", content = @Content(schema = @Schema(implementation = ClockView.class)))
    @APIResponse(responseCode = "404", description = "The clock is not adjustable here", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClockView get() {
        requireAdjustable();
        return view();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setBusinessClock", summary = "Stop the business clock at a date and hour of the district (test deployments only)")
    @APIResponse(responseCode = "200", description = "The clock as set", content = @Content(schema = @Schema(implementation = ClockView.class)))
    @APIResponse(responseCode = "400", description = "date missing or hour outside 0-23", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The clock is not adjustable here", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClockView set(@Valid @NotNull SetClock request) {
        requireAdjustable();
        clock.setTo(request.date(), request.hour() == null ? 0 : request.hour());
        return view();
    }

    @DELETE
    @Operation(operationId = "resetBusinessClock", summary = "Let the business clock follow the system time again (test deployments only)")
    @APIResponse(responseCode = "200", description = "The clock, running", content = @Content(schema = @Schema(implementation = ClockView.class)))
    @APIResponse(responseCode = "404", description = "The clock is not adjustable here", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClockView reset() {
        requireAdjustable();
        clock.useSystemTime();
        return view();
    }

    private void requireAdjustable() {
        if (!clock.isAdjustable()) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "the business clock is not adjustable here (ecoplan.clock.adjustable=false) / 业务时钟不可调整");
        }
    }

    private ClockView view() {
        return new ClockView(clock.now(), clock.today(), clock.zone().getId());
    }

    @Schema(name = "SetClock")
    public record SetClock(
            @NotNull @Schema(required = true, description = "The business date, in the district's calendar", example = "2026-07-01") LocalDate date,
            @Min(0) @Max(23) @Schema(description = "Hour of that day (default 0)", example = "9") Integer hour) {
    }

    @Schema(name = "BusinessClock")
    public record ClockView(Instant now, @Schema(example = "2026-07-01") LocalDate today, @Schema(example = "Asia/Shanghai") String zone) {
    }
}
