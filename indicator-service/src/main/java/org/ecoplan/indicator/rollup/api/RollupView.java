package org.ecoplan.indicator.rollup.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.ecoplan.indicator.rollup.Rollup;
import org.ecoplan.indicator.rollup.StateCountsView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Rollup", description = "Delivery figures of one plan, section, task or department for the current reporting period, "
        + "counted by the delivery state progress-service decided for each measure. The flat counts are kept for existing "
        + "clients: completed = completedOnTime + completedLate; onTrack, atRisk, overdue, behindPace, notDue are the states of "
        + "those names; notAssessed = no state event yet.")
public record RollupView(@Schema(example = "DEPARTMENT") String scopeType, @Schema(example = "ENV") String scopeId,
        @Schema(nullable = true, example = "区生态环境局") String scopeName, @Schema(example = "4") long sequence, @Schema(example = "96") int measures,
        @Schema(example = "10") int completed, @Schema(example = "70") int onTrack, @Schema(example = "6") int atRisk,
        @Schema(example = "10") int overdue, @Schema(example = "40") int notReportedThisPeriod,
        @Schema(nullable = true, description = "completedOnTime / (completed + overdue), 0-1", example = "0.5") BigDecimal onTimeCompletionRate,
        @Schema(example = "2026-06") String period, @Schema(nullable = true) Instant changedAt, @Schema(example = "8") int behindPace,
        @Schema(example = "1") int notDue, @Schema(example = "9") int completedOnTime, @Schema(example = "1") int completedLate,
        @Schema(example = "0") int notAssessed, @Schema(example = "0") int unknown,
        @Schema(description = "The same counts per state with Chinese names, and the rates as published") StateCountsView states) {

    public static RollupView of(Rollup rollup) {
        return new RollupView(rollup.key.scopeType.name(), rollup.key.scopeId, rollup.scopeName, rollup.sequence,
                rollup.measures, rollup.completed, rollup.onTrack, rollup.atRisk, rollup.overdue,
                rollup.notReportedThisPeriod, rollup.onTimeCompletionRate, rollup.period, rollup.changedAt,
                rollup.behindPace, rollup.notDue, rollup.completedOnTime, rollup.completedLate, rollup.notAssessed,
                rollup.unknown, StateCountsView.of(rollup.counts()));
    }

    @Schema(name = "RollupPage")
    public record RollupPage(List<RollupView> items, int page, int size, long totalItems, int totalPages) {
    }
}
