package org.ecoplan.indicator.rollup;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.ecoplan.progress.contract.DeliveryState;

/**
 * How many measures stand in each {@link DeliveryState} as progress-service decided it, plus those without a
 * state yet ({@code notAssessed}). The one way roll-ups, scorecards and the overview count measures: every figure
 * derived from these counts (completed, on-time completion rate, completion rate) is defined here once.
 */
public record StateCounts(int notDue, int onTrack, int behindPace, int atRisk, int overdue, int completedOnTime,
        int completedLate, int unknown, int notAssessed) {

    public static final StateCounts NONE = new StateCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public int measures() {
        return notDue + onTrack + behindPace + atRisk + overdue + completedOnTime + completedLate + unknown + notAssessed;
    }

    public int completed() {
        return completedOnTime + completedLate;
    }

    /** Overdue or behind pace: the 督办 list. */
    public int needingSupervision() {
        return overdue + behindPace;
    }

    public int of(DeliveryState state) {
        if (state == null) {
            return notAssessed;
        }
        return switch (state) {
            case NOT_DUE -> notDue;
            case ON_TRACK -> onTrack;
            case BEHIND_PACE -> behindPace;
            case AT_RISK -> atRisk;
            case OVERDUE -> overdue;
            case COMPLETED_ON_TIME -> completedOnTime;
            case COMPLETED_LATE -> completedLate;
            case UNKNOWN -> unknown;
        };
    }

    /**
     * Completed on time / (completed + overdue): of the measures that are done or past their deadline, the share
     * done in time. 4 decimals; {@code null} while there is none.
     */
    public BigDecimal onTimeCompletionRate() {
        int settled = completed() + overdue;
        return settled == 0 ? null : BigDecimal.valueOf(completedOnTime).divide(BigDecimal.valueOf(settled), 4, RoundingMode.HALF_UP);
    }

    /** Completed / measures, 4 decimals; {@code null} without measures. */
    public BigDecimal completionRate() {
        int measures = measures();
        return measures == 0 ? null : BigDecimal.valueOf(completed()).divide(BigDecimal.valueOf(measures), 4, RoundingMode.HALF_UP);
    }

    public StateCounts plus(StateCounts other) {
        return new StateCounts(notDue + other.notDue, onTrack + other.onTrack, behindPace + other.behindPace,
                atRisk + other.atRisk, overdue + other.overdue, completedOnTime + other.completedOnTime,
                completedLate + other.completedLate, unknown + other.unknown, notAssessed + other.notAssessed);
    }

    /** Adds up measures one state at a time ({@code null}: not assessed yet). */
    public static final class Counter {
        private final int[] counts = new int[DeliveryState.values().length];
        private int notAssessed;

        public Counter add(DeliveryState state) {
            if (state == null) {
                notAssessed++;
            } else {
                counts[state.ordinal()]++;
            }
            return this;
        }

        public Counter add(DeliveryState state, int measures) {
            if (state == null) {
                notAssessed += measures;
            } else {
                counts[state.ordinal()] += measures;
            }
            return this;
        }

        public StateCounts counts() {
            return new StateCounts(counts[DeliveryState.NOT_DUE.ordinal()], counts[DeliveryState.ON_TRACK.ordinal()],
                    counts[DeliveryState.BEHIND_PACE.ordinal()], counts[DeliveryState.AT_RISK.ordinal()],
                    counts[DeliveryState.OVERDUE.ordinal()], counts[DeliveryState.COMPLETED_ON_TIME.ordinal()],
                    counts[DeliveryState.COMPLETED_LATE.ordinal()], counts[DeliveryState.UNKNOWN.ordinal()], notAssessed);
        }
    }
}
