package org.ecoplan.indicator.contract;

import java.util.Optional;

/**
 * The indicator topic and its event types. Indicator status events are keyed by indicator id, roll-up
 * events by the id of their scope (a department code, a plan id …), so that the events of one key arrive
 * in commit order. Types carry their version; fields are only ever added, a breaking change is a new type.
 */
public enum IndicatorEvents {
    /** An indicator's status or projection changed; payload {@link IndicatorStatusChanged}, key indicator id. */
    INDICATOR_STATUS_CHANGED("indicator", "indicator.status-changed.v1", IndicatorStatusChanged.class),
    /** The delivery roll-up of a plan, section, task or department changed; payload {@link RollupChanged}. */
    ROLLUP_CHANGED("rollup", "indicator.rollup-changed.v1", RollupChanged.class),
    /** A month's supervision bulletin is ready; payload {@link BulletinPublished}, key district/month. */
    BULLETIN_PUBLISHED("bulletin", "bulletin.published.v1", BulletinPublished.class),
    /**
     * A day's AQI or PM2.5 of one area was recorded or corrected; payload {@link AirQualityDayChanged} (the day whole),
     * key {@code area/date}.
     */
    AIR_QUALITY_DAY_CHANGED("air-quality-day", "indicator.air-quality-day-changed.v1", AirQualityDayChanged.class);

    /** An event stream (cleanup policy delete). */
    public static final String TOPIC = "ecoplan.indicator";

    private final String aggregateType;
    private final String eventType;
    private final Class<?> payloadType;

    IndicatorEvents(String aggregateType, String eventType, Class<?> payloadType) {
        this.aggregateType = aggregateType;
        this.eventType = eventType;
        this.payloadType = payloadType;
    }

    /** The CloudEvents {@code aggregatetype} extension. */
    public String aggregateType() {
        return aggregateType;
    }

    /** The CloudEvents {@code type}. */
    public String eventType() {
        return eventType;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    /** @return the kind for a CloudEvents {@code type}, empty for types this version does not know */
    public static Optional<IndicatorEvents> forEventType(String eventType) {
        for (IndicatorEvents kind : values()) {
            if (kind.eventType.equals(eventType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
