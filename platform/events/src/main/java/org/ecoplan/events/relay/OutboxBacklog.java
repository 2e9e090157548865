package org.ecoplan.events.relay;

import java.time.Instant;
import java.util.Optional;

/** Events recorded but not yet acknowledged by Kafka, and since when the oldest of them waits. */
public record OutboxBacklog(long waiting, Optional<Instant> oldestRecordedAt) {
}
