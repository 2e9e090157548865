package org.ecoplan.indicator.rollup;

import java.math.BigDecimal;

/**
 * Delivery figures of one scope for one reporting period (see {@link RollupCalculator}): measures per delivery
 * state, and how many open measures have no report for the period.
 */
public record RollupFigures(StateCounts counts, int notReportedThisPeriod, String period) {

    public int measures() {
        return counts.measures();
    }

    public BigDecimal onTimeCompletionRate() {
        return counts.onTimeCompletionRate();
    }
}
