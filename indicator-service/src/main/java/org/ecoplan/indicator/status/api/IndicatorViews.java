package org.ecoplan.indicator.status.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ecoplan.indicator.contract.IndicatorStatus;
import org.ecoplan.indicator.display.Published;
import org.ecoplan.indicator.status.IndicatorJudgement;
import org.ecoplan.indicator.targets.QuantityKind;
import org.ecoplan.indicator.tracking.DepartmentNames.Named;
import org.ecoplan.indicator.tracking.DepartmentNames.Registry;
import org.ecoplan.indicator.tracking.TrackedIndicator;

import com.fasterxml.jackson.annotation.JsonInclude;

/** REST bodies of the indicator API (the commands, {@code TargetChange} and {@code CandidateReview}, are the domain's). */
public final class IndicatorViews {

    private IndicatorViews() {
    }

    @Schema(name = "Target", description = "A parsed year-end target. state PENDING: the document refers to the city's requirement and an administrator has not set it yet")
    public record TargetView(@Schema(example = "26微克/立方米") String text, @Schema(example = "SET") String state,
            @Schema(nullable = true, example = "26") BigDecimal value, @Schema(nullable = true, example = "微克/立方米") String unit,
            @Schema(example = "AT_MOST") String comparison, @Schema(example = "ANNUAL_MEAN_CONCENTRATION") String kind,
            @Schema(nullable = true, example = "PM25_DAILY") String metric, @Schema(nullable = true) String note, @Schema(nullable = true) String setBy) {
    }

    @Schema(name = "IndicatorStatusView", description = "The latest judgement: raw values (2 decimals) for machines, *Text fields as published (PM2.5 and ratios 1 decimal, counts whole)")
    public record StatusView(@Schema(example = "AT_RISK") IndicatorStatus status, @Schema(example = "存在不达标风险") String statusName,
            @Schema(nullable = true, example = "27.44") BigDecimal valueSoFar, @Schema(nullable = true, example = "27.4微克/立方米") String valueSoFarText,
            @Schema(nullable = true, example = "26.31") BigDecimal projectedValue, @Schema(nullable = true, example = "26.3微克/立方米") String projectedText,
            @Schema(nullable = true, example = "23.14") BigDecimal requiredForRest, @Schema(nullable = true, example = "23.1微克/立方米") String requiredForRestText,
            @Schema(nullable = true, example = "the remaining 92 days may average at most 23.1 微克/立方米 / 剩余92天PM2.5平均浓度不得超过23.1微克/立方米") String requiredText,
            boolean provisional, @Schema(nullable = true, example = "SEASONAL_PROFILE") String method, long sequence, Instant evaluatedAt) {
    }

    @Schema(name = "IndicatorDepartments", description = "The indicator's departments with their names (groups expanded)")
    public record DepartmentsView(List<Named> lead, List<Named> cooperating) {
    }

    @Schema(name = "Indicator")
    public record IndicatorView(@Schema(example = "bf0854ad-1098-4cfa-80cd-0d43277b45a0") String id,
            @Schema(example = "TABLE") String origin, @Schema(example = "CONFIRMED") String reviewState,
            @Schema(nullable = true, example = "1") Integer number, @Schema(nullable = true, example = "约束性指标") String category,
            @Schema(example = "PM2.5年均浓度") String name, @Schema(example = "延庆区") String district,
            @Schema(example = "2026") int year, @Schema(nullable = true) String measureId, TargetView target,
            @Schema(example = "[\"ENV\"]") List<String> leadDepartments, List<String> cooperatingDepartments,
            DepartmentsView departments,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = true, description = "null until first judged (candidates are not judged)") StatusView status) {
    }

    @Schema(name = "IndicatorPage")
    public record IndicatorPage(List<IndicatorView> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "ExtractionReport", description = "What the measure-text extractor found and could not read")
    public record ExtractionReport(@Schema(example = "212") long measuresRead, @Schema(example = "40") long found,
            @Schema(example = "35") long candidates, @Schema(example = "3") long confirmed, @Schema(example = "2") long rejected,
            @Schema(example = "5") long unreadFragments, List<UnreadMeasure> unread) {
    }

    public record UnreadMeasure(String measureId, List<String> fragments) {
    }

    public static IndicatorView view(TrackedIndicator indicator, IndicatorJudgement judgement, Registry registry) {
        TargetView target = new TargetView(indicator.targetText, indicator.targetState.name(),
                indicator.targetValue == null ? null : new BigDecimal(Published.plain(indicator.targetValue)),
                indicator.unit, indicator.comparison.name(), indicator.kind.name(),
                indicator.metric == null ? null : indicator.metric.name(), indicator.targetNote, indicator.targetSetBy);
        StatusView status = judgement == null ? null
                : new StatusView(judgement.status, judgement.status.chineseName(), judgement.valueSoFar,
                        Published.withUnit(indicator.kind, judgement.valueSoFar, indicator.unit), judgement.projectedValue,
                        Published.withUnit(indicator.kind, judgement.projectedValue, indicator.unit), judgement.requiredForRest,
                        requiredText(indicator, judgement.requiredForRest), judgement.requiredText, judgement.provisional,
                        judgement.method, judgement.sequence, judgement.evaluatedAt);
        return new IndicatorView(indicator.id, indicator.origin.name(), indicator.reviewState.name(), indicator.number,
                indicator.category, indicator.name, indicator.district, indicator.year, indicator.measureId, target,
                indicator.leadDepartments, indicator.cooperatingDepartments,
                new DepartmentsView(registry.named(indicator.leadDepartments), registry.named(indicator.cooperatingDepartments)),
                status);
    }

    /** What the rest of the year must do, as published: good days still needed are whole days, not a ratio. */
    private static String requiredText(TrackedIndicator indicator, BigDecimal required) {
        return indicator.kind == QuantityKind.RATIO_OF_DAYS ? Published.withUnit(QuantityKind.COUNT_OF_DAYS, required, "天")
                : Published.withUnit(indicator.kind, required, indicator.unit);
    }
}
