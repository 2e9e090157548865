package org.ecoplan.indicator.rollup;

import java.util.Map;

import org.ecoplan.progress.contract.DeliveryState;

/**
 * Adds up measures into delivery figures. Each measure counts under the delivery state progress-service decided
 * and published for it ({@code progress_replica_measure.delivery_state}); a measure without one yet counts as not assessed.
 * Nothing here judges deadlines or pace: that rule has one home, progress-service, and its decision travels on
 * the events. Independently, "not reported this period": not completed and no submitted or approved report for
 * the current month. The derived figures are {@link StateCounts}'. The measures come counted per standing
 * ({@link ScopeMembers} counts them in SQL), so a scope of thousands of measures is a handful of rows here.
 */
public final class RollupCalculator {

    private RollupCalculator() {
    }

    /** One measure's standing, the unit roll-ups count: its decided state ({@code null}: none yet). */
    record Standing(DeliveryState state, boolean reported) {
    }

    /** Figures of one set of measures, given how many measures stand each way. */
    static RollupFigures figures(Map<Standing, Integer> standings, String period) {
        StateCounts.Counter counter = new StateCounts.Counter();
        int notReported = 0;
        for (Map.Entry<Standing, Integer> standing : standings.entrySet()) {
            DeliveryState state = standing.getKey().state();
            counter.add(state, standing.getValue());
            boolean completed = state != null && state.completed();
            if (!completed && !standing.getKey().reported()) {
                notReported += standing.getValue();
            }
        }
        return new RollupFigures(counter.counts(), notReported, period);
    }
}
