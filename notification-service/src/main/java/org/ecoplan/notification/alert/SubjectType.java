package org.ecoplan.notification.alert;

/** What an alert is about. */
public enum SubjectType {
    MEASURE,
    INDICATOR,
    REPORT,
    WEBHOOK_SUBSCRIPTION,
    /** A heavy-pollution episode (plan-service's episode id). */
    EPISODE
}
