package org.ecoplan.progress.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ecoplan.catalogue.contract.MeasureState;
import org.ecoplan.progress.config.ProgressConfig;
import org.ecoplan.progress.contract.DeliveryAssessment;
import org.ecoplan.progress.contract.DeliveryState;
import org.ecoplan.progress.contract.ReportStatus;

/**
 * The one rule that decides a measure's {@link DeliveryState} (pure: no clock, no database; the caller hands it
 * "today"). Every view and every other service shows what this decided, through {@code measure_status} and
 * the {@code progress.measure-status-changed.v1} events.
 * <p>
 * From the catalogue deadline (due date = end of a DATE or WINDOW; window = a WINDOW's start, else 1 January of
 * the plan year, to the due date), the official status and percent complete (latest approved LEAD/RESPONSIBLE
 * report; NOT_STARTED and 0 without one), the completion date and today, the first that holds wins:
 * <ol>
 * <li>COMPLETED_ON_TIME / COMPLETED_LATE: officially COMPLETED, on or before the due date or after it (ongoing
 * measures: always on time);</li>
 * <li>OVERDUE: today is after the due date;</li>
 * <li>BEHIND_PACE: inside the window, expected percent (days since the window start / days of the window) minus
 * percent complete is at least the configured gap (default 25 points) — so a measure without an approved
 * report is behind pace once that share of its window has passed, never on track;</li>
 * <li>AT_RISK: reported AT_RISK or DELAYED;</li>
 * <li>ON_TRACK: inside the window (and every other ongoing measure);</li>
 * <li>NOT_DUE: the window has not opened yet.</li>
 * </ol>
 * Ongoing measures (no due date) are only ever ON_TRACK, AT_RISK or COMPLETED_ON_TIME.
 */
@ApplicationScoped
public class DeliveryRule {

    private final int behindPaceGap;

    @Inject
    DeliveryRule(ProgressConfig config) {
        this(config.delivery().behindPaceGap());
    }

    /** @param behindPaceGap percentage points of the window's elapsed share by which a measure may lag (1-100) */
    public DeliveryRule(int behindPaceGap) {
        if (behindPaceGap < 1 || behindPaceGap > 100) {
            throw new IllegalArgumentException("ecoplan.progress.delivery.behind-pace-gap must be 1-100 percentage points, not "
                    + behindPaceGap);
        }
        this.behindPaceGap = behindPaceGap;
    }

    /**
     * What the rule needs of a measure.
     *
     * @param windowStart     start of the pace window, {@code null} for ongoing measures
     * @param dueDate         the deadline, {@code null} for ongoing measures
     * @param status          the official status
     * @param percentComplete of the latest approved LEAD/RESPONSIBLE report, 0 without one
     * @param completedOn     the day the approved COMPLETED report was submitted, {@code null} while not completed
     */
    public record Facts(LocalDate windowStart, LocalDate dueDate, ReportStatus status, int percentComplete,
            LocalDate completedOn) {

        public static Facts of(MeasureState measure, ReportStatus status, int percentComplete, LocalDate completedOn) {
            return new Facts(measure.windowStart(), measure.dueDate(), status, percentComplete, completedOn);
        }
    }

    public DeliveryAssessment assess(Facts facts, LocalDate today) {
        boolean completed = facts.status() == ReportStatus.COMPLETED;
        boolean reportsTrouble = facts.status() == ReportStatus.AT_RISK || facts.status() == ReportStatus.DELAYED;
        LocalDate due = facts.dueDate();
        if (due == null) {
            DeliveryState state = completed ? DeliveryState.COMPLETED_ON_TIME
                    : reportsTrouble ? DeliveryState.AT_RISK : DeliveryState.ON_TRACK;
            return DeliveryAssessment.of(state, today, null, null, null, null, null, null);
        }
        LocalDate start = facts.windowStart() != null ? facts.windowStart() : due;
        boolean opened = !today.isBefore(start);
        Integer expected = opened ? expectedPercent(start, due, today) : null;
        Integer gap = expected == null ? null : expected - facts.percentComplete();
        LocalDate overdueSince = due.plusDays(1);
        if (completed) {
            LocalDate completedOn = facts.completedOn() != null ? facts.completedOn() : today;
            return completedOn.isAfter(due)
                    ? DeliveryAssessment.of(DeliveryState.COMPLETED_LATE, today, start, due, expected, gap, overdueSince,
                            days(due, completedOn))
                    : DeliveryAssessment.of(DeliveryState.COMPLETED_ON_TIME, today, start, due, expected, gap, null, null);
        }
        DeliveryState state;
        LocalDate since = null;
        Integer daysLate = null;
        if (today.isAfter(due)) {
            state = DeliveryState.OVERDUE;
            since = overdueSince;
            daysLate = days(due, today);
        } else if (opened && behindPace(start, due, today, facts.percentComplete())) {
            state = DeliveryState.BEHIND_PACE;
        } else if (reportsTrouble) {
            state = DeliveryState.AT_RISK;
        } else if (opened) {
            state = DeliveryState.ON_TRACK;
        } else {
            state = DeliveryState.NOT_DUE;
        }
        return DeliveryAssessment.of(state, today, start, due, expected, gap, since, daysLate);
    }

    /** Compared exactly (no rounding): elapsed/span − percent/100 ≥ gap/100, in whole numbers. */
    private boolean behindPace(LocalDate start, LocalDate due, LocalDate today, int percent) {
        long span = ChronoUnit.DAYS.between(start, due);
        if (span <= 0) {
            return 100 - percent >= behindPaceGap;
        }
        long elapsed = Math.min(ChronoUnit.DAYS.between(start, today), span);
        return elapsed * 100 - (long) percent * span >= (long) behindPaceGap * span;
    }

    private static int expectedPercent(LocalDate start, LocalDate due, LocalDate today) {
        long span = ChronoUnit.DAYS.between(start, due);
        long elapsed = ChronoUnit.DAYS.between(start, today);
        if (span <= 0 || elapsed >= span) {
            return 100;
        }
        return BigDecimal.valueOf(elapsed * 100).divide(BigDecimal.valueOf(span), 0, RoundingMode.HALF_UP).intValueExact();
    }

    private static int days(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to);
    }
}
