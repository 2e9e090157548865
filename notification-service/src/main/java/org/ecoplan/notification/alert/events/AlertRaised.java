package org.ecoplan.notification.alert.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@code notification.alert-raised.v1} on {@code ecoplan.notification}, keyed by the subject id
 * (so all alerts of one measure arrive in order). Raised once per rule, subject and period.
 *
 * @param alertId      stable id of the alert
 * @param rule         DEADLINE_REMINDER, WINDOW_OPENING, BEHIND_PACE, OVERDUE, ESCALATED_TO_SUPERVISORS,
 *                     ESCALATED_TO_HEAD, MISSING_REPORT, REPORT_RETURNED, REVIEW_WAITING, INDICATOR_WORSENED,
 *                     POLLUTION_BUDGET, WEBHOOK_DISABLED, EPISODE_UNACKNOWLEDGED, EPISODE_ESCALATED_TO_HEAD or
 *                     EPISODE_REPORT_MISSING
 * @param severity     BLUE, YELLOW, RED or INFO
 * @param subjectType  MEASURE, INDICATOR, REPORT, WEBHOOK_SUBSCRIPTION or EPISODE
 * @param subjectId    the measure, indicator, report or subscription id; also the Kafka key
 * @param period       what distinguishes this occurrence, e.g. {@code D-7@2026-06-30} or {@code 2026-05}
 * @param planId       the measure's plan, {@code null} when not about a measure
 * @param title        one line for people (Chinese)
 * @param reason       why it fired, with the figures (Chinese)
 * @param departments  department codes addressed
 * @param audiences    inboxes addressed, e.g. {@code DEPARTMENT:ENV}, {@code SUPERVISORS:supervisors}
 * @param businessDate the district's date the rule was evaluated for
 * @param raisedAt     server time
 */
public record AlertRaised(UUID alertId, String rule, String severity, String subjectType, String subjectId,
        String period, String planId, String title, String reason, List<String> departments, List<String> audiences,
        LocalDate businessDate, Instant raisedAt) {
}
