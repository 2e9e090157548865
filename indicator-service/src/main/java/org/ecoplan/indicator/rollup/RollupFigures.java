package org.ecoplan.indicator.rollup;

import java.math.BigDecimal;

/** Delivery figures of one scope for one reporting period (see {@link RollupCalculator}). */
public record RollupFigures(int measures, int completed, int onTrack, int atRisk, int overdue, int notReportedThisPeriod,
        BigDecimal onTimeCompletionRate, String period) {
}
