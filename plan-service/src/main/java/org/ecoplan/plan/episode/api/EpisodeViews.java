package org.ecoplan.plan.episode.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.plan.episode.Episode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests and answers of the episode and duty-list endpoints. */
public final class EpisodeViews {

    private EpisodeViews() {
    }

    @Schema(description = "A warning to activate: its level, who issued it, why, and when it starts and is expected to end")
    public record ActivateRequest(
            @NotNull @Schema(example = "YELLOW") WarningLevel level,
            @NotNull @Schema(description = "CITY (市级预警) or DISTRICT (区级预警)", example = "CITY") Episode.Issuer issuer,
            @NotBlank @Size(max = 2000) @Schema(example = "预计12月3日至5日出现重度污染过程") String reason,
            @NotNull @Schema(example = "2026-12-03T00:00:00+08:00") Instant startsAt,
            @NotNull @Schema(description = "Must be after startsAt", example = "2026-12-06T00:00:00+08:00") Instant expectedEndAt) {
    }

    @Schema(description = "An upgrade or downgrade of the warning")
    public record LevelChangeRequest(
            @NotNull @Schema(example = "ORANGE") WarningLevel level,
            @NotBlank @Size(max = 2000) @Schema(example = "污染程度加重，升级为橙色预警") String reason,
            @Schema(description = "When the new level takes effect; now (business clock) when absent; not before the episode's start", nullable = true) Instant effectiveAt,
            @Schema(description = "A new expected end; unchanged when absent; must be after the start", nullable = true) Instant expectedEndAt) {
    }

    @Schema(description = "The lifting of the warning")
    public record LiftRequest(
            @NotBlank @Size(max = 2000) @Schema(example = "空气质量好转，解除预警") String reason,
            @Schema(description = "When it was lifted; now (business clock) when absent; not before the episode's start", nullable = true) Instant liftedAt) {
    }

    public record EpisodeView(UUID id, long revision,
            @Schema(description = "ACTIVE until lifted, then LIFTED") String status,
            WarningLevel level, @Schema(example = "橙色预警") String levelName,
            Episode.Issuer issuer, @Schema(example = "市级预警") String issuerName, String reason,
            Instant startsAt, Instant expectedEndAt,
            @Schema(nullable = true) Instant liftedAt,
            @Schema(nullable = true, description = "The duty list the members' duties came from at the last change") Integer dutyListVersion,
            List<ChangeView> history,
            @Schema(description = "Every member unit of 区空气重污染应急指挥部成员单位 with its duties at the current level; empty once lifted") List<MemberView> members) {
    }

    public record ChangeView(long revision, @Schema(description = "ACTIVATED, LEVEL_CHANGED or LIFTED") String change,
            WarningLevel level, @Schema(nullable = true) WarningLevel previousLevel, Instant effectiveAt,
            @Schema(nullable = true) String reason, Instant recordedAt, String recordedBy) {
    }

    public record MemberView(@Schema(example = "HOUSING") String departmentCode,
            @Schema(example = "区住房城乡建设委") String departmentName, List<DutyView> duties) {
    }

    public record DutyView(@Schema(description = "The level the list names it for; it applies from there up") WarningLevel level,
            @Schema(example = "停止土石方作业") String action,
            @Schema(example = "[\"检查工地数\",\"停工工地数\"]") List<String> reportItems) {
    }

    public record EpisodePage(List<EpisodeView> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(description = "A whole duty list (应急减排清单); it replaces the current one as the next version")
    public record DutyListRequest(
            @Schema(description = "True for an example list that is not the district's adopted one", nullable = true) Boolean example,
            @Size(max = 300) @Schema(nullable = true, example = "延庆区空气重污染应急减排清单（2026年修订）") String source,
            @NotEmpty @Valid List<@NotNull DutyEntry> duties) {
    }

    public record DutyEntry(
            @NotBlank @Schema(description = "A member unit's code (or its Chinese name)", example = "HOUSING") String departmentCode,
            @NotNull @Schema(example = "ORANGE") WarningLevel level,
            @NotBlank @Schema(example = "停止土石方作业") String action,
            @Schema(nullable = true, description = "The quantities reported daily for it", example = "[\"检查工地数\",\"停工工地数\"]") List<String> reportItems) {
    }

    public record DutyListView(int version, boolean example, @Schema(nullable = true) String source, Instant importedAt,
            String importedBy, List<DutyListEntry> duties) {
    }

    public record DutyListEntry(String departmentCode, String departmentName, WarningLevel level, String levelName,
            String action, List<String> reportItems) {
    }
}
