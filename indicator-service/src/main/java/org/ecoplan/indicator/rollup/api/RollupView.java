package org.ecoplan.indicator.rollup.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.ecoplan.indicator.rollup.Rollup;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Rollup", description = "Delivery figures of one plan, section, task or department for the current reporting period")
public record RollupView(@Schema(example = "DEPARTMENT") String scopeType, @Schema(example = "ENV") String scopeId,
        @Schema(nullable = true, example = "区生态环境局") String scopeName, @Schema(example = "4") long sequence, @Schema(example = "96") int measures,
        @Schema(example = "10") int completed, @Schema(example = "70") int onTrack, @Schema(example = "6") int atRisk,
        @Schema(example = "10") int overdue, @Schema(example = "40") int notReportedThisPeriod,
        @Schema(nullable = true, example = "0.5") BigDecimal onTimeCompletionRate, @Schema(example = "2026-06") String period, @Schema(nullable = true) Instant changedAt) {

    public static RollupView of(Rollup rollup) {
        return new RollupView(rollup.key.scopeType.name(), rollup.key.scopeId, rollup.scopeName, rollup.sequence,
                rollup.measures, rollup.completed, rollup.onTrack, rollup.atRisk, rollup.overdue,
                rollup.notReportedThisPeriod, rollup.onTimeCompletionRate, rollup.period, rollup.changedAt);
    }

    @Schema(name = "RollupPage")
    public record RollupPage(List<RollupView> items, int page, int size, long totalItems, int totalPages) {
    }
}
