package org.ecoplan.plan.episode;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The command to lift the warning ({@link EpisodeService#lift}); validated at the resource. */
@Schema(name = "LiftRequest", description = "The lifting of the warning")
public record LiftRequest(
        @NotBlank @Size(max = 2000) @Schema(example = "空气质量好转，解除预警") String reason,
        @Schema(description = "When it was lifted; now (business clock) when absent; not before the episode's start", nullable = true) Instant liftedAt) {
}
