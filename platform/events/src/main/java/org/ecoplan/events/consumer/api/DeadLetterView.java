package org.ecoplan.events.consumer.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ecoplan.events.consumer.DeadLetter;
import org.ecoplan.events.consumer.DeadLetterStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DeadLetter", description = "A Kafka record a consumer could not apply, kept whole so that it can be retried or discarded")
public record DeadLetterView(
        @Schema(required = true, example = "0d7c2a4e-6a55-4f0f-9d51-3b0e9f2f1c11") UUID id,
        @Schema(required = true, description = "The consumer that could not apply it", example = "progress-rollups") String consumer,
        @Schema(required = true, example = "ecoplan.progress") String topic,
        @Schema(required = true, example = "1") int partition,
        @Schema(required = true, example = "4711") long offset,
        @Schema(nullable = true, description = "The record key (the aggregate id)", example = "3822e92d-0107-4565-8db8-cfdaf9d062a9") String key,
        @Schema(required = true, description = "The record headers in record order, values as UTF-8 text") List<HeaderView> headers,
        @Schema(nullable = true, description = "The record value as received (JSON for EcoPlan events); absent for a tombstone") String value,
        @Schema(nullable = true, description = "The CloudEvents id, if the headers could be read") UUID eventId,
        @Schema(nullable = true, description = "The CloudEvents type, if the headers could be read", example = "progress.report-approved.v1") String eventType,
        @Schema(required = true, description = "Why it could not be applied (the last attempt)",
                example = "numeric field overflow — PSQLException: ERROR: numeric field overflow") String reason,
        @Schema(required = true, example = "org.hibernate.exception.DataException") String exceptionClass,
        @Schema(required = true) Instant firstFailedAt,
        @Schema(required = true) Instant lastFailedAt,
        @Schema(required = true, description = "Attempts to apply it so far, the consumer's and administrators' retries", example = "1") int attempts,
        @Schema(required = true, description = "OPEN until resolved: RESOLVED (a retry applied it), DISCARDED, SUPERSEDED (a later state of the same entity was applied)",
                example = "OPEN") DeadLetterStatus status,
        @Schema(nullable = true, description = "When it was resolved, discarded or superseded") Instant resolvedAt,
        @Schema(nullable = true, example = "admin@ecoplan.test") String resolvedBy,
        @Schema(nullable = true, description = "The retry's outcome or the reason for discarding", example = "value corrected at the source; report re-approved") String resolution) {

    @Schema(name = "DeadLetterHeader")
    public record HeaderView(@Schema(required = true, example = "ce_type") String name,
            @Schema(nullable = true, example = "progress.report-approved.v1") String value) {
    }

    @Schema(name = "DeadLetterPage")
    public record DeadLetterPage(@Schema(required = true) List<DeadLetterView> items, @Schema(required = true) int page,
            @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    public static DeadLetterView of(DeadLetter letter) {
        return new DeadLetterView(letter.id(), letter.consumer(), letter.topic(), letter.partition(), letter.offset(),
                letter.key(), letter.headers().stream().map(header -> new HeaderView(header.name(), header.value())).toList(),
                letter.value(), letter.eventId(), letter.eventType(), letter.reason(), letter.exceptionClass(),
                letter.firstFailedAt(), letter.lastFailedAt(), letter.attempts(), letter.status(), letter.resolvedAt(),
                letter.resolvedBy(), letter.resolution());
    }
}
