package org.ecoplan.events.consumer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A record a consumer could not apply, kept whole (key, headers, value) so that it can be retried later.
 *
 * @param eventId   the CloudEvents id, {@code null} if the headers are unreadable
 * @param attempts  how often applying it was tried (by the consumer and by administrators)
 */
public record DeadLetter(UUID id, String consumer, String topic, int partition, long offset, String key,
        List<Header> headers, String value, UUID eventId, String eventType, String reason, String exceptionClass,
        Instant firstFailedAt, Instant lastFailedAt, int attempts, DeadLetterStatus status, Instant resolvedAt,
        String resolvedBy, String resolution) {

    /** One Kafka header, its value read as UTF-8 text. */
    public record Header(String name, String value) {
    }
}
