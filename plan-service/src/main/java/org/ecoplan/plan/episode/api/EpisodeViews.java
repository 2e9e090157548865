package org.ecoplan.plan.episode.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecoplan.catalogue.contract.WarningLevel;
import org.ecoplan.plan.episode.DutyList;
import org.ecoplan.plan.episode.DutyListService;
import org.ecoplan.plan.episode.Episode;
import org.ecoplan.plan.episode.EpisodeService;
import org.ecoplan.web.paging.Page;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answers of the episode and duty-list endpoints, and the duty list as a client sends it (the commands are the domain's). */
public final class EpisodeViews {

    private EpisodeViews() {
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

        static EpisodeView of(EpisodeService.Detail detail) {
            Episode episode = detail.episode();
            List<ChangeView> history = detail.history().stream()
                    .map(c -> new ChangeView(c.key.revision, c.change.name(), c.level, c.previousLevel, c.effectiveAt, c.reason,
                            c.recordedAt, c.recordedBy))
                    .toList();
            return new EpisodeView(episode.id, episode.revision, episode.lifted() ? "LIFTED" : "ACTIVE", episode.level,
                    episode.level.chineseName(), episode.issuer, episode.issuer.chineseName(), episode.reason, episode.startsAt,
                    episode.expectedEndAt, episode.liftedAt, episode.dutyListVersion, history,
                    detail.members().stream().map(m -> new MemberView(m.departmentCode(), m.departmentName(),
                            m.duties().stream().map(d -> new DutyView(d.level(), d.action(), d.reportItems())).toList())).toList());
        }
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

        static EpisodePage of(Page<EpisodeService.Detail> details) {
            Page<EpisodeView> views = details.map(EpisodeView::of);
            return new EpisodePage(views.items(), views.page(), views.size(), views.totalItems(), views.totalPages());
        }
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

        static DutyListView of(DutyListService.Detail detail) {
            DutyList list = detail.list();
            Map<String, String> names = detail.departmentNames();
            return new DutyListView(list.version, list.example, list.source, list.importedAt, list.importedBy,
                    detail.duties().stream().map(d -> new DutyListEntry(d.departmentCode, names.getOrDefault(d.departmentCode, d.departmentCode),
                            d.level, d.level.chineseName(), d.action, d.reportItemList())).toList());
        }
    }

    public record DutyListEntry(String departmentCode, String departmentName, WarningLevel level, String levelName,
            String action, List<String> reportItems) {
    }
}
