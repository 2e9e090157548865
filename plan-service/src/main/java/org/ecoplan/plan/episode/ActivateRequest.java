package org.ecoplan.plan.episode;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.catalogue.contract.WarningLevel;

/** The command to activate a warning ({@link EpisodeService#activate}); validated at the resource. */
@Schema(name = "ActivateRequest", description = "A warning to activate: its level, who issued it, why, and when it starts and is expected to end")
public record ActivateRequest(
        @NotNull @Schema(example = "YELLOW") WarningLevel level,
        @NotNull @Schema(description = "CITY (市级预警) or DISTRICT (区级预警)", example = "CITY") Episode.Issuer issuer,
        @NotBlank @Size(max = 2000) @Schema(example = "预计12月3日至5日出现重度污染过程") String reason,
        @NotNull @Schema(example = "2026-12-03T00:00:00+08:00") Instant startsAt,
        @NotNull @Schema(description = "Must be after startsAt", example = "2026-12-06T00:00:00+08:00") Instant expectedEndAt) {
}
