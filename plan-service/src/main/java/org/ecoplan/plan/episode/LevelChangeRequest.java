package org.ecoplan.plan.episode;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.catalogue.contract.WarningLevel;

/** The command to upgrade or downgrade the warning ({@link EpisodeService#changeLevel}); validated at the resource. */
@Schema(name = "LevelChangeRequest", description = "An upgrade or downgrade of the warning")
public record LevelChangeRequest(
        @NotNull @Schema(example = "ORANGE") WarningLevel level,
        @NotBlank @Size(max = 2000) @Schema(example = "污染程度加重，升级为橙色预警") String reason,
        @Schema(description = "When the new level takes effect; now (business clock) when absent; not before the episode's start", nullable = true) Instant effectiveAt,
        @Schema(description = "A new expected end; unchanged when absent; must be after the start", nullable = true) Instant expectedEndAt) {
}
