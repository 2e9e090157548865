package org.ecoplan.indicator.status;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The status thresholds in force (see {@link StatusConfig} for their meaning). */
@Schema(description = "Status thresholds; shares are fractions (0.05 = 5 %)")
public record Thresholds(
        @DecimalMin("0") @DecimalMax("0.5") @Schema(example = "0.03") double onTrackMargin,
        @DecimalMin("0") @DecimalMax("0.5") @Schema(example = "0.05") double offTrackMargin,
        @DecimalMin("0") @DecimalMax("1") @Schema(example = "0.9") double scheduleOnTrackRatio,
        @DecimalMin("0") @DecimalMax("1") @Schema(example = "0.6") double scheduleOffTrackRatio,
        @Min(1) @Max(366) @Schema(example = "30") int minimumProfileDays) {

    static Thresholds from(StatusConfig config) {
        return new Thresholds(config.onTrackMargin(), config.offTrackMargin(), config.scheduleOnTrackRatio(),
                config.scheduleOffTrackRatio(), config.minimumProfileDays());
    }
}
