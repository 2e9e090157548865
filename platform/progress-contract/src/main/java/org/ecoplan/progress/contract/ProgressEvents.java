package org.ecoplan.progress.contract;

/**
 * The progress topic and its event types. All events of one measure share its id as the Kafka key, so
 * they arrive in the order they were committed. Types carry their version; fields are only ever added,
 * a breaking change is a new type.
 */
public enum ProgressEvents {
    /** A report left draft (first submission or resubmission after a return); payload {@link ReportEvent}. */
    REPORT_SUBMITTED("progress.report-submitted.v1", ReportEvent.class),
    /** A supervisor (or the measure's lead department) approved a report; payload {@link ReportEvent}. */
    REPORT_APPROVED("progress.report-approved.v1", ReportEvent.class),
    /** A report went back to its reporter with a reason; payload {@link ReportEvent}. */
    REPORT_RETURNED("progress.report-returned.v1", ReportEvent.class),
    /**
     * The measure's official status changed: a report was approved, or the deadline passed without
     * completion (overdue); payload {@link MeasureStatusChanged}.
     */
    MEASURE_STATUS_CHANGED("progress.measure-status-changed.v1", MeasureStatusChanged.class);

    /** An event stream (cleanup policy delete), keyed by measure id. */
    public static final String TOPIC = "ecoplan.progress";

    /** The CloudEvents {@code aggregatetype} of every progress event: they are all about one measure. */
    public static final String AGGREGATE_TYPE = "measure";

    private final String eventType;
    private final Class<?> payloadType;

    ProgressEvents(String eventType, Class<?> payloadType) {
        this.eventType = eventType;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code type}. */
    public String eventType() {
        return eventType;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** @return the kind for a CloudEvents {@code type}, empty for types this version does not know */
    public static java.util.Optional<ProgressEvents> forEventType(String eventType) {
        for (ProgressEvents kind : values()) {
            if (kind.eventType.equals(eventType)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
