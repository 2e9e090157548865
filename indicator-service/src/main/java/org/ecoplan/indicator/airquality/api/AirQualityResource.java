package org.ecoplan.indicator.airquality.api;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.ecoplan.indicator.airquality.AirQualityService;
import org.ecoplan.indicator.airquality.AirQualityService.RankedArea;
import org.ecoplan.indicator.observation.Area;
import org.ecoplan.web.clock.BusinessClock;
import org.ecoplan.web.input.Years;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@Path("/air-quality")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Air quality", description = "PM2.5 annual mean, good-days ratio and heavy-pollution days per area, computed from daily values (HJ 663-2013, HJ 633-2012)")
public class AirQualityResource {

    private final AirQualityService airQuality;
    private final BusinessClock clock;

    AirQualityResource(AirQualityService airQuality, BusinessClock clock) {
        this.airQuality = airQuality;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "getAirQuality", summary = "The year's figures so far for one area", description = "From valid daily values up to the latest day with data. `provisional` with reasons when valid days fall short of HJ 663 (324 a year pro rata; 27 a month, February 25).")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(schema = @Schema(implementation = AirQualityView.class)))
    @APIResponse(responseCode = "400", description = "Unknown area", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AirQualityView figures(@QueryParam("area") @Parameter(description = "Area code or name; default the district", example = "KANGZHUANG") String area,
            @QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(description = "Default: this year", example = "2026") Integer year) {
        return AirQualityView.of(airQuality.figures(area(area), year == null ? clock.today().getYear() : year));
    }

    @GET
    @Path("/areas")
    @Operation(operationId = "listAirQualityAreas", summary = "The year's figures for the district and each of its 18 subdistricts and towns")
    @APIResponse(responseCode = "200", description = "19 entries, the district first", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AirQualityView.class)))
    public List<AirQualityView> allAreas(@QueryParam("year") @Min(value = Years.MIN, message = Years.MESSAGE) @Max(value = Years.MAX, message = Years.MESSAGE) @Parameter(example = "2026") Integer year) {
        return airQuality.allAreas(year == null ? clock.today().getYear() : year).stream().map(AirQualityView::of).toList();
    }

    @GET
    @Path("/ranking")
    @Operation(operationId = "getAirQualityRanking", summary = "Monthly ranking of subdistricts and towns by PM2.5", description = "Mean of valid daily PM2.5 values of the month, worst (highest) first — task 17 targets the worst. Areas without data come last with rank null.")
    @APIResponse(responseCode = "200", description = "18 entries", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RankedArea.class)))
    public List<RankedArea> ranking(@QueryParam("month") @Parameter(description = "Default: the current month", example = "2026-05") String month) {
        YearMonth parsed;
        try {
            parsed = month == null || month.isBlank() ? YearMonth.from(clock.today()) : YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("month", "must look like 2026-05 / 月份格式为2026-05");
        }
        return airQuality.monthlyRanking(parsed);
    }

    private static Area area(String area) {
        return Area.find(area).orElseThrow(() -> ProblemException.invalidField("area", "unknown area / 未知区域: " + area));
    }
}
