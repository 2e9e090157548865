package org.ecoplan.indicator.observation.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.ecoplan.indicator.observation.Observation;
import org.ecoplan.progress.contract.StorableValue;
import org.ecoplan.web.input.NotBlankWhenPresent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** REST bodies of the observation API. */
public final class ObservationViews {

    private ObservationViews() {
    }

    @Schema(name = "ObservationEntry", description = "One value to record")
    public record ObservationEntry(
            @NotBlank(message = "is required") @NotBlankWhenPresent @Schema(description = "PM25_DAILY, AQI_DAILY, an indicator id or a 附件4 number", example = "PM25_DAILY") String series,
            @NotBlankWhenPresent @Schema(description = "Area code or name; absent (not blank) = the district", example = "YANQING") String area,
            @NotBlank(message = "is required") @Schema(description = "2026-05-03, 2026-05, 2026-Q2 or 2026", example = "2026-05-03") String period,
            @NotNull(message = "is required") @DecimalMin(value = "0", message = "must not be negative") @StorableValue
            @Schema(example = "31.5", description = "At most 14 digits before and 6 after the decimal point") BigDecimal value,
            @Schema(description = "Default true", example = "true") Boolean valid,
            @Min(0) @Max(24) @Schema(description = "Hourly values behind a daily mean; < 20 makes the day invalid (HJ 663)", example = "23") Integer hours,
            @Size(max = 100) @NotBlankWhenPresent @Schema(nullable = true, description = "Default: api", example = "区环境监测站") String source) {
    }

    @Schema(name = "ObservationBatch")
    public record ObservationBatch(@NotNull(message = "is required") @Size(min = 1, max = 20000) List<@NotNull @jakarta.validation.Valid ObservationEntry> observations) {
    }

    @Schema(name = "Observation")
    public record ObservationView(String id, @Schema(example = "PM25_DAILY") String series, @Schema(example = "YANQING") String area,
            @Schema(example = "DAY") String periodType, @Schema(example = "2026-05-03") String period,
            @Schema(example = "31.5") BigDecimal value, boolean valid, @Schema(nullable = true) Integer hours, @Schema(nullable = true, example = "csv-import") String source,
            @Schema(nullable = true) String sourceRef, Instant enteredAt, String enteredBy,
            @Schema(description = "false: replaced by a correction") boolean current, @Schema(nullable = true) Instant supersededAt) {

        public static ObservationView of(Observation observation) {
            return new ObservationView(observation.id.toString(), observation.series, observation.area,
                    observation.periodType.name(),
                    new org.ecoplan.indicator.observation.PeriodType.Period(observation.periodType, observation.periodStart).label(),
                    observation.value, observation.valid, observation.hours, observation.source, observation.sourceRef,
                    observation.enteredAt, observation.enteredBy, observation.current, observation.supersededAt);
        }
    }

    @Schema(name = "ObservationPage")
    public record ObservationPage(List<ObservationView> items, int page, int size, long totalItems, int totalPages) {
    }
}
