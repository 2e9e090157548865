package org.ecoplan.progress.contract;

import java.time.LocalDate;

/**
 * A measure's {@link DeliveryState} and why, as decided by progress-service on {@code assessedOn}. Consumers
 * show these values; they never recompute them.
 *
 * @param state           the delivery state
 * @param stateName       its Chinese name, e.g. {@code 滞后于序时进度}
 * @param assessedOn      the business date (district calendar) of the assessment
 * @param windowStart     start of the measure's time window (a WINDOW's start, else 1 January of the plan
 *                        year); {@code null} for ongoing measures
 * @param windowEnd       the deadline; {@code null} for ongoing measures
 * @param expectedPercent 序时进度: the share of the window elapsed on {@code assessedOn}, in percent (0-100);
 *                        {@code null} for ongoing measures and before the window opens
 * @param paceGap         {@code expectedPercent} minus the percent complete, in percentage points (negative
 *                        when ahead); {@code null} when {@code expectedPercent} is
 * @param overdueSince    the first day the measure was overdue (the day after the deadline), for OVERDUE and
 *                        COMPLETED_LATE; else {@code null}
 * @param daysLate        days past the deadline on {@code assessedOn} (OVERDUE) or at completion
 *                        (COMPLETED_LATE); else {@code null}
 */
public record DeliveryAssessment(DeliveryState state, String stateName, LocalDate assessedOn, LocalDate windowStart,
        LocalDate windowEnd, Integer expectedPercent, Integer paceGap, LocalDate overdueSince, Integer daysLate) {
}
