package org.ecoplan.notification.alert;

/**
 * The supervision rules (督办规则). Each alert belongs to one; the configuration names its recipients under
 * {@code ecoplan.supervision.recipients.<configKey>}.
 */
public enum AlertRule {
    /** Blue: a measure's deadline is near (default 30, 7 and 1 days before) and it is not completed. */
    DEADLINE_REMINDER(Severity.BLUE),
    /** Blue: a seasonal window (e.g. 6-9月) opens soon. */
    WINDOW_OPENING(Severity.BLUE),
    /** Yellow: the approved percent complete is well below the share of the measure's time that has passed (序时进度). */
    BEHIND_PACE(Severity.YELLOW),
    /** Red: the day after the deadline, not completed. */
    OVERDUE(Severity.RED),
    /** Red: still overdue after the configured days; goes to the supervisors. */
    ESCALATED_TO_SUPERVISORS(Severity.RED),
    /** Red: still overdue after the longer configured delay; goes to the departments' heads. */
    ESCALATED_TO_HEAD(Severity.RED),
    /** Yellow: an open measure has no report for last month by the configured day of this month. */
    MISSING_REPORT(Severity.YELLOW),
    /** Info: a report went back to its reporter. */
    REPORT_RETURNED(Severity.INFO),
    /** Yellow: a submitted report has waited for review longer than allowed. */
    REVIEW_WAITING(Severity.YELLOW),
    /** Yellow or red: an indicator's status worsened (on track → at risk → off track). */
    INDICATOR_WORSENED(Severity.YELLOW),
    /** Red: few heavy-pollution days are left in the year's budget. */
    POLLUTION_BUDGET(Severity.RED),
    /** Info: a webhook subscription kept failing and was disabled. */
    WEBHOOK_DISABLED(Severity.INFO),
    /** Red: a member unit did not acknowledge its heavy-pollution duties in time; goes to the supervisors. */
    EPISODE_UNACKNOWLEDGED(Severity.RED),
    /** Red: still not acknowledged after the longer delay; goes to the unit's head as well. */
    EPISODE_ESCALATED_TO_HEAD(Severity.RED),
    /** Yellow: during an active episode a member unit had not filed its daily response by the configured hour. */
    EPISODE_REPORT_MISSING(Severity.YELLOW);

    private final Severity severity;

    AlertRule(Severity severity) {
        this.severity = severity;
    }

    public Severity defaultSeverity() {
        return severity;
    }

    /** The rule's name in configuration keys, e.g. {@code deadline-reminder}. */
    public String configKey() {
        return name().toLowerCase().replace('_', '-');
    }
}
