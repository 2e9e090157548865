package org.ecoplan.events.relay;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecoplan.events.EventsConfig;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Published events stay a while for inspection, then leave the outbox. */
@ApplicationScoped
class OutboxRetention {

    private final OutboxStore store;
    private final EventsConfig config;

    OutboxRetention(OutboxStore store, EventsConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${ecoplan.events.cleanup-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldPublishedEvents() {
        int deleted = store.deletePublishedBefore(Instant.now().minus(config.retention()));
        if (deleted > 0) {
            Log.debugf("Deleted %d published events older than %s from the outbox", deleted, config.retention());
        }
    }
}
