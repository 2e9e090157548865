package org.ecoplan.notification.alert.events;

/** This service's topic and event type. */
public final class NotificationEvents {

    /** An event stream (cleanup policy delete), keyed by the alert's subject id. */
    public static final String TOPIC = "ecoplan.notification";
    public static final String AGGREGATE_TYPE = "alert";
    public static final String ALERT_RAISED = "notification.alert-raised.v1";

    private NotificationEvents() {
    }
}
