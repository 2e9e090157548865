package org.ecoplan.indicator.rollup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.contract.ReportStatus;

/**
 * Adds up measures into delivery figures. Per measure, in this order:
 * <ol>
 * <li>completed: official status COMPLETED;</li>
 * <li>overdue: not completed, and progress-service said overdue or the deadline (its or the catalogue's) is
 * before today;</li>
 * <li>at risk: official status AT_RISK or DELAYED;</li>
 * <li>on track: everything else, including measures without any progress event yet.</li>
 * </ol>
 * Independently, "not reported this period": not completed and no submitted or approved report for the current
 * month. On-time completion rate = completed on time / (measures due by today ∪ completed ones), {@code null}
 * while that is empty.
 */
public final class RollupCalculator {

    private RollupCalculator() {
    }

    /** One measure's standing, the unit roll-ups count. */
    record Standing(boolean completed, boolean overdue, boolean atRisk, boolean reported, boolean counted,
            boolean onTime) {
    }

    static Standing standing(MeasureState measure, MeasureProgress progress, boolean reportedThisPeriod, LocalDate today) {
        ReportStatus status = progress == null ? ReportStatus.NOT_STARTED : progress.status;
        LocalDate deadline = progress != null && progress.deadline != null ? progress.deadline : catalogueDeadline(measure);
        boolean completed = status == ReportStatus.COMPLETED;
        boolean overdue = !completed && ((progress != null && progress.overdue) || (deadline != null && today.isAfter(deadline)));
        boolean atRisk = !completed && !overdue && (status == ReportStatus.AT_RISK || status == ReportStatus.DELAYED);
        boolean reported = reportedThisPeriod;
        boolean due = deadline != null && !today.isBefore(deadline);
        boolean onTime = completed && progress != null && Boolean.TRUE.equals(progress.completedOnTime);
        return new Standing(completed, overdue, atRisk, reported, due || completed, onTime);
    }

    static LocalDate catalogueDeadline(MeasureState measure) {
        if (measure.deadline() == null || "ONGOING".equals(measure.deadline().kind())) {
            return null;
        }
        return measure.deadline().end();
    }

    /** Figures of one set of measures. */
    static RollupFigures figures(List<Standing> standings, String period) {
        int completed = 0;
        int overdue = 0;
        int atRisk = 0;
        int notReported = 0;
        int counted = 0;
        int onTime = 0;
        for (Standing standing : standings) {
            if (standing.completed()) {
                completed++;
            } else if (standing.overdue()) {
                overdue++;
            } else if (standing.atRisk()) {
                atRisk++;
            }
            if (!standing.completed() && !standing.reported()) {
                notReported++;
            }
            if (standing.counted()) {
                counted++;
            }
            if (standing.onTime()) {
                onTime++;
            }
        }
        int onTrack = standings.size() - completed - overdue - atRisk;
        BigDecimal rate = counted == 0 ? null : BigDecimal.valueOf(onTime).divide(BigDecimal.valueOf(counted), 4, RoundingMode.HALF_UP);
        return new RollupFigures(standings.size(), completed, onTrack, atRisk, overdue, notReported, rate, period);
    }

    /** Figures of every scope the measures belong to, in one pass. */
    static Map<Rollup.Key, RollupFigures> all(List<MeasureState> measures, Map<String, MeasureProgress> progress, Set<String> reported, LocalDate today, String period,
            java.util.function.Function<MeasureState, List<Rollup.Key>> scopes) {
        Map<Rollup.Key, List<Standing>> byScope = new HashMap<>();
        for (MeasureState measure : measures) {
            Standing standing = standing(measure, progress.get(measure.id()), reported.contains(measure.id()), today);
            for (Rollup.Key key : scopes.apply(measure)) {
                byScope.computeIfAbsent(key, any -> new ArrayList<>()).add(standing);
            }
        }
        Map<Rollup.Key, RollupFigures> figures = new HashMap<>();
        byScope.forEach((key, standings) -> figures.put(key, figures(standings, period)));
        return figures;
    }
}
