package org.ecoplan.notification.alert;

/** What an alert is about. */
public enum SubjectType {
    MEASURE,
    INDICATOR,
    REPORT,
    WEBHOOK_SUBSCRIPTION
}
