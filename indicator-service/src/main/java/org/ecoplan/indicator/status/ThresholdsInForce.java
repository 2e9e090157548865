package org.ecoplan.indicator.status;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The thresholds judgements use now, and who set them (both null: the configured defaults). */
@Schema(description = "Status thresholds in force; shares are fractions (0.05 = 5 %)")
public record ThresholdsInForce(
        @Schema(example = "0.03") double onTrackMargin,
        @Schema(example = "0.05") double offTrackMargin,
        @Schema(example = "0.9") double scheduleOnTrackRatio,
        @Schema(example = "0.6") double scheduleOffTrackRatio,
        @Schema(example = "30") int minimumProfileDays,
        @Schema(nullable = true, description = "Who set them; null while the configured defaults apply", example = "supervisor@ecoplan.test") String updatedBy,
        @Schema(nullable = true, description = "When; null while the configured defaults apply") Instant updatedAt) {

    static ThresholdsInForce configured(Thresholds defaults) {
        return new ThresholdsInForce(defaults.onTrackMargin(), defaults.offTrackMargin(), defaults.scheduleOnTrackRatio(),
                defaults.scheduleOffTrackRatio(), defaults.minimumProfileDays(), null, null);
    }

    Thresholds thresholds() {
        return new Thresholds(onTrackMargin, offTrackMargin, scheduleOnTrackRatio, scheduleOffTrackRatio, minimumProfileDays);
    }
}
