package org.ecoplan.indicator.status;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The status thresholds (see {@link StatusConfig} for their meaning). Boxed and required so that a field
 * left out of a change is named in a 400 answer instead of silently becoming 0.
 */
@Schema(description = "Status thresholds; shares are fractions (0.05 = 5 %); all five are required")
public record Thresholds(
        @NotNull @DecimalMin("0") @DecimalMax("0.5") @Schema(example = "0.03") Double onTrackMargin,
        @NotNull @DecimalMin("0") @DecimalMax("0.5") @Schema(example = "0.05") Double offTrackMargin,
        @NotNull @DecimalMin("0") @DecimalMax("1") @Schema(example = "0.9") Double scheduleOnTrackRatio,
        @NotNull @DecimalMin("0") @DecimalMax("1") @Schema(description = "Not above scheduleOnTrackRatio", example = "0.6") Double scheduleOffTrackRatio,
        @NotNull @Min(1) @Max(366) @Schema(example = "30") Integer minimumProfileDays) {

    static Thresholds from(StatusConfig config) {
        return new Thresholds(config.onTrackMargin(), config.offTrackMargin(), config.scheduleOnTrackRatio(),
                config.scheduleOffTrackRatio(), config.minimumProfileDays());
    }
}
