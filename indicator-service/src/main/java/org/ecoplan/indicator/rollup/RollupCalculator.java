package org.ecoplan.indicator.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.DeliveryState;

/**
 * Adds up measures into delivery figures. Each measure counts under the delivery state progress-service decided
 * and published for it ({@link MeasureProgress#deliveryState}); a measure without one yet counts as not assessed.
 * Nothing here judges deadlines or pace: that rule has one home, progress-service, and its decision travels on
 * the events. Independently, "not reported this period": not completed and no submitted or approved report for
 * the current month. The derived figures are {@link StateCounts}'.
 */
public final class RollupCalculator {

    private RollupCalculator() {
    }

    /** One measure's standing, the unit roll-ups count: its decided state ({@code null}: none yet). */
    record Standing(DeliveryState state, boolean reported) {
    }

    static Standing standing(MeasureProgress progress, boolean reportedThisPeriod) {
        return new Standing(progress == null ? null : progress.deliveryState, reportedThisPeriod);
    }

    /** Figures of one set of measures. */
    static RollupFigures figures(List<Standing> standings, String period) {
        StateCounts.Counter counter = new StateCounts.Counter();
        int notReported = 0;
        for (Standing standing : standings) {
            counter.add(standing.state());
            boolean completed = standing.state() != null && standing.state().completed();
            if (!completed && !standing.reported()) {
                notReported++;
            }
        }
        return new RollupFigures(counter.counts(), notReported, period);
    }

    /** Figures of every scope the measures belong to, in one pass. */
    static Map<Rollup.Key, RollupFigures> all(List<MeasureState> measures, Map<String, MeasureProgress> progress,
            Set<String> reported, String period, Function<MeasureState, List<Rollup.Key>> scopes) {
        Map<Rollup.Key, List<Standing>> byScope = new HashMap<>();
        for (MeasureState measure : measures) {
            Standing standing = standing(progress.get(measure.id()), reported.contains(measure.id()));
            for (Rollup.Key key : scopes.apply(measure)) {
                byScope.computeIfAbsent(key, any -> new ArrayList<>()).add(standing);
            }
        }
        Map<Rollup.Key, RollupFigures> figures = new HashMap<>();
        byScope.forEach((key, standings) -> figures.put(key, figures(standings, period)));
        return figures;
    }
}
