package org.ecoplan.events.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * What consumers did, for Prometheus: {@code ecoplan_events_consumed_total{consumer,outcome}},
 * {@code ecoplan_events_ignored_total{consumer,type}}, {@code ecoplan_events_consumer_retries_total{consumer,kind}},
 * {@code ecoplan_events_dead_lettered_total{consumer}} and the gauge {@code ecoplan_events_dead_letters_open{consumer}}.
 */
@ApplicationScoped
class ConsumerMetrics {

    private static final String OPEN_DEAD_LETTERS = "ecoplan.events.dead.letters.open";

    private final MeterRegistry registry;
    private final DeadLetterStore store;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
    private final AtomicBoolean openChanged = new AtomicBoolean();

    ConsumerMetrics(MeterRegistry registry, DeadLetterStore store) {
        this.registry = registry;
        this.store = store;
    }

    void register(String consumer) {
        open.computeIfAbsent(consumer, name -> {
            // A gauge left by an earlier application in this JVM (tests restart Quarkus) would keep reading its own,
            // no longer updated count: replace it.
            Gauge earlier = registry.find(OPEN_DEAD_LETTERS).tag("consumer", name).gauge();
            if (earlier != null) {
                registry.remove(earlier);
            }
            AtomicLong count = new AtomicLong();
            Gauge.builder(OPEN_DEAD_LETTERS, count, AtomicLong::get).tag("consumer", name)
                    .description("Dead letters of this consumer that no administrator has resolved yet").register(registry);
            return count;
        });
    }

    void consumed(String consumer, EventConsumption.Outcome outcome) {
        registry.counter("ecoplan.events.consumed", "consumer", consumer, "outcome", outcome.name().toLowerCase()).increment();
    }

    void ignored(String consumer, String type) {
        registry.counter("ecoplan.events.ignored", "consumer", consumer, "type", type).increment();
    }

    void retried(String consumer, FailureKind kind) {
        registry.counter("ecoplan.events.consumer.retries", "consumer", consumer, "kind", kind.name().toLowerCase()).increment();
    }

    void deadLettered(String consumer) {
        registry.counter("ecoplan.events.dead.lettered", "consumer", consumer).increment();
    }

    /** Dead letters were added or resolved: the gauge reads them again within a second (after the change committed). */
    void openChanged() {
        openChanged.set(true);
    }

    @Scheduled(every = "${ecoplan.events.health-refresh-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshOpenIfChanged() {
        if (openChanged.getAndSet(false)) {
            refreshOpen();
        }
    }

    /** Reads the open counts again; called after every change and on a schedule (another replica changes them too). */
    @Scheduled(every = "${ecoplan.events.consumers.open-dead-letters-refresh:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshOpen() {
        try {
            Map<String, Long> counts = store.openCounts();
            counts.keySet().forEach(this::register);
            open.forEach((consumer, count) -> count.set(counts.getOrDefault(consumer, 0L)));
        } catch (RuntimeException e) {
            Log.debugf("Cannot count open dead letters now: %s", e.getMessage());
        }
    }
}
