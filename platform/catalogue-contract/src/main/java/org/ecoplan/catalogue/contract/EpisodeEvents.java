package org.ecoplan.catalogue.contract;

import java.util.Optional;

/**
 * The events of a heavy-pollution episode (重污染天气应急), published by plan-service on the catalogue topic,
 * keyed by the episode id. Each carries the episode's full state ({@link EpisodeState}) with a revision, like
 * every record of that compacted topic: the latest record per episode is its current state, and the three types
 * say which change made it. Catalogue replicas skip them; notification-service turns them into duties.
 */
public enum EpisodeEvents {
    /** A warning was issued and the district's response activated. */
    ACTIVATED("episode.activated.v1"),
    /** The warning was upgraded or downgraded; the payload lists the duties of the new level. */
    LEVEL_CHANGED("episode.level-changed.v1"),
    /** The warning was lifted: the duty to respond and report ends. */
    LIFTED("episode.lifted.v1");

    public static final String TOPIC = CatalogueEvents.TOPIC;
    public static final String AGGREGATE_TYPE = "episode";

    private final String eventType;

    EpisodeEvents(String eventType) {
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }

    public static Optional<EpisodeEvents> forEventType(String eventType) {
        for (EpisodeEvents kind : values()) {
            if (kind.eventType.equals(eventType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
