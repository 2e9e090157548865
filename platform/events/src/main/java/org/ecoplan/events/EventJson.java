package org.ecoplan.events;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper for event data and catalogue states: the application's mapper (its modules and settings),
 * except that it ignores fields it does not know. Producers only ever add fields, so a consumer built against
 * an older contract must read a newer producer's events (a tolerant reader), even where the service's REST
 * mapper refuses unknown fields ({@code quarkus.jackson.fail-on-unknown-properties=true}).
 */
@Singleton
public class EventJson {

    private final ObjectMapper mapper;

    EventJson(ObjectMapper applicationMapper) {
        // Tolerant of what producers may rightly do: add fields, and leave out fields added after their version.
        this.mapper = applicationMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The event's data as {@code type}; {@code null} for a tombstone; {@link MalformedEventException} if unreadable. */
    public <T> T read(IncomingEvent event, Class<T> type) {
        return event.dataAs(type, mapper);
    }

    /** The event's data as a tree; {@link MalformedEventException} if it is not JSON. */
    public JsonNode tree(IncomingEvent event) {
        if (event.isTombstone()) {
            return null;
        }
        try {
            return mapper.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Data of event %s (%s) is not JSON: %s".formatted(event.id(), event.type(),
                    e.getOriginalMessage()), e);
        }
    }
}
