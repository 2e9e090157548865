package org.ecoplan.progress.contract;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A measure's {@link DeliveryState} and why, as decided by progress-service on {@code assessedOn}. Consumers
 * show these values; they never recompute them. The state is what every service agrees on; the figures are
 * those of {@code assessedOn} (an event is published when the state changes, not for every day a figure
 * moves: a view that shows days late on a later day counts them from {@code overdueSince}, see
 * {@link #daysLateOn(LocalDate)}).
 *
 * @param state           the delivery state; a state this reader does not know reads as {@link DeliveryState#UNKNOWN}
 * @param stateName       its Chinese name, e.g. {@code 滞后于序时进度}
 * @param assessedOn      the business date (district calendar) of the assessment
 * @param windowStart     start of the measure's time window (a WINDOW's start, else 1 January of the plan
 *                        year); {@code null} for ongoing measures
 * @param windowEnd       the deadline; {@code null} for ongoing measures
 * @param expectedPercent 序时进度: the share of the window elapsed on {@code assessedOn}, in percent (0-100,
 *                        rounded half up); {@code null} for ongoing measures and before the window opens
 * @param paceGap         {@code expectedPercent} minus the percent complete, in percentage points (negative
 *                        when ahead); {@code null} when {@code expectedPercent} is
 * @param overdueSince    the first day the measure was overdue (the day after the deadline), for OVERDUE and
 *                        COMPLETED_LATE; else {@code null}
 * @param daysLate        days past the deadline on {@code assessedOn} (OVERDUE) or at completion
 *                        (COMPLETED_LATE); else {@code null}
 */
public record DeliveryAssessment(
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) DeliveryState state,
        String stateName, LocalDate assessedOn, LocalDate windowStart, LocalDate windowEnd, Integer expectedPercent,
        Integer paceGap, LocalDate overdueSince, Integer daysLate) {

    /** An assessment whose {@code stateName} is the state's Chinese name. */
    public static DeliveryAssessment of(DeliveryState state, LocalDate assessedOn, LocalDate windowStart,
            LocalDate windowEnd, Integer expectedPercent, Integer paceGap, LocalDate overdueSince, Integer daysLate) {
        return new DeliveryAssessment(state, state.chineseName(), assessedOn, windowStart, windowEnd, expectedPercent,
                paceGap, overdueSince, daysLate);
    }

    /**
     * Days late as of {@code day}: for an OVERDUE measure counted from {@code overdueSince} (the day after the
     * deadline is day 1), for COMPLETED_LATE the days it was late at completion; {@code null} otherwise.
     */
    public Integer daysLateOn(LocalDate day) {
        if (state == DeliveryState.OVERDUE && overdueSince != null) {
            return (int) ChronoUnit.DAYS.between(overdueSince, day) + 1;
        }
        return state == DeliveryState.COMPLETED_LATE ? daysLate : null;
    }
}
