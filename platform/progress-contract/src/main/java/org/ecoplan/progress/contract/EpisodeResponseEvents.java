package org.ecoplan.progress.contract;

import java.util.Optional;

/**
 * The events of member units' daily responses to a heavy-pollution episode (重污染天气应急每日应对情况), on the progress
 * topic, keyed by the episode id so that one episode's responses arrive in the order they were committed. A type of
 * its own, not a {@link ProgressEvents} constant: the report consumers (roll-ups, supervision) skip it as a type they
 * do not know instead of reading it as a report.
 */
public enum EpisodeResponseEvents {
    /** A unit filed or corrected its response for one day of the episode; payload {@link EpisodeResponseSubmitted}. */
    RESPONSE_SUBMITTED("episode.response-submitted.v1");

    public static final String TOPIC = ProgressEvents.TOPIC;

    /** The CloudEvents {@code aggregatetype}: the responses belong to the episode. */
    public static final String AGGREGATE_TYPE = "episode";

    private final String eventType;

    EpisodeResponseEvents(String eventType) {
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }

    public static Optional<EpisodeResponseEvents> forEventType(String eventType) {
        for (EpisodeResponseEvents kind : values()) {
            if (kind.eventType.equals(eventType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
