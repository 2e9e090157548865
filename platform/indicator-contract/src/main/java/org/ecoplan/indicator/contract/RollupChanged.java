package org.ecoplan.indicator.contract;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Delivery figures of one scope after a progress event changed them.
 *
 * @param scopeType              PLAN, SECTION, TASK or DEPARTMENT
 * @param scopeId                the plan/section/task id or the department code; also the Kafka key
 * @param sequence               grows with every change of this scope's figures
 * @param measures               measures in scope
 * @param completed              officially COMPLETED
 * @param onTrack                officially ON_TRACK (or NOT_STARTED before the deadline)
 * @param atRisk                 officially AT_RISK or DELAYED and not overdue
 * @param overdue                past the deadline and not completed
 * @param notReportedThisPeriod  open measures without a report for the current period
 * @param onTimeCompletionRate   completed on time / measures due so far, 0-1; {@code null} while none is due
 * @param changedAt              when the figures changed
 */
public record RollupChanged(String scopeType, String scopeId, long sequence, int measures, int completed, int onTrack,
        int atRisk, int overdue, int notReportedThisPeriod, BigDecimal onTimeCompletionRate, Instant changedAt) {
}
