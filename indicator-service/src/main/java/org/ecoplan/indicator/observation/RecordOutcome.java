package org.ecoplan.indicator.observation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What recording a batch of values did. */
@Schema(description = "Result of recording observations")
public record RecordOutcome(
        @Schema(description = "rows read", example = "730") int rows,
        @Schema(description = "values for periods that had none", example = "700") int created,
        @Schema(description = "values that replaced a different one (the old one stays in the history)", example = "2") int corrected,
        @Schema(description = "values equal to the current one: nothing changed", example = "28") int unchanged) {
}
