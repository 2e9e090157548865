package org.ecoplan.indicator.contract;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Delivery figures of one scope after a progress event changed them. Each measure counts under the delivery
 * state progress-service decided for it (progress contract {@code DeliveryState}); a measure without a state
 * event yet counts as not assessed, never as on track.
 *
 * @param scopeType              PLAN, SECTION, TASK, DEPARTMENT (measures the department leads or is responsible
 *                               for, directly or through a group such as 各街乡镇) or DEPARTMENT_ASSISTING (measures
 *                               it only assists)
 * @param scopeId                the plan/section/task id or the department code; also the Kafka key
 * @param sequence               grows with every change of this scope's figures
 * @param measures               measures in scope (the sum of every state count and {@code notAssessed})
 * @param completed              COMPLETED_ON_TIME + COMPLETED_LATE
 * @param onTrack                ON_TRACK (正常推进)
 * @param atRisk                 AT_RISK (存在风险)
 * @param overdue                OVERDUE (已逾期)
 * @param notReportedThisPeriod  measures not completed without a submitted or approved report for the current month
 * @param onTimeCompletionRate   COMPLETED_ON_TIME / (completed + OVERDUE), 0-1, 4 decimals; {@code null} while
 *                               none is completed or overdue
 * @param changedAt              when the figures changed
 * @param behindPace             BEHIND_PACE (滞后于序时进度)
 * @param notDue                 NOT_DUE (未到实施期)
 * @param completedOnTime        COMPLETED_ON_TIME (按期完成)
 * @param completedLate          COMPLETED_LATE (逾期完成)
 * @param notAssessed            measures without a delivery state yet (未评估)
 * @param unknown                UNKNOWN: a state a newer producer knows and this service does not
 */
public record RollupChanged(String scopeType, String scopeId, long sequence, int measures, int completed, int onTrack,
        int atRisk, int overdue, int notReportedThisPeriod, BigDecimal onTimeCompletionRate, Instant changedAt,
        int behindPace, int notDue, int completedOnTime, int completedLate, int notAssessed, int unknown) {
}
