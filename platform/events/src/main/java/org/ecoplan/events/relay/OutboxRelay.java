package org.ecoplan.events.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.ecoplan.events.EventOutbox.OutboxEventsRecorded;
import org.ecoplan.events.EventsConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the outbox to Kafka on a thread of its own: woken right after every commit that
 * recorded events, and every poll interval as a safety net (a commit on another replica, a wake-up
 * lost to a crash). Rows are marked published only after Kafka acknowledged them, so delivery is
 * at-least-once; consumers drop the duplicates by the CloudEvents id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final OutboxStore store;
    private final EventPublisher publisher;
    private final TopicProvisioner topics;
    private final EventsConfig config;
    private final MeterRegistry metrics;

    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter publishFailures;
    private final Timer commitToAcknowledgement;
    private volatile boolean running;
    private volatile Instant lastSuccessfulRun;
    private Thread thread;
    private boolean topicsProvisioned;

    OutboxRelay(OutboxStore store, EventPublisher publisher, TopicProvisioner topics, EventsConfig config, MeterRegistry metrics,
            OutboxMonitor monitor) {
        this.store = store;
        this.publisher = publisher;
        this.topics = topics;
        this.config = config;
        this.metrics = metrics;
        this.publishFailures = Counter.builder("ecoplan.events.publish.failures")
                .description("Relay attempts that failed to publish to Kafka (they are retried)").register(metrics);
        this.commitToAcknowledgement = Timer.builder("ecoplan.events.relay.latency")
                .description("Time from recording an event to Kafka's acknowledgement").register(metrics);
        // The monitor's last reading: a scrape must not wait on a database that is away.
        // A gauge left by an earlier application in this JVM (tests restart Quarkus) would keep reading its own
        // monitor, no longer refreshed (registering the same name returns the existing gauge): replace them.
        for (String name : List.of("ecoplan.events.outbox.backlog", "ecoplan.events.outbox.oldest.age")) {
            Optional.ofNullable(metrics.find(name).gauge()).ifPresent(metrics::remove);
        }
        Gauge.builder("ecoplan.events.outbox.backlog", monitor, OutboxMonitor::waiting)
                .description("Events recorded but not yet acknowledged by Kafka").register(metrics);
        Gauge.builder("ecoplan.events.outbox.oldest.age", monitor, OutboxMonitor::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest unpublished event has waited (0 when none waits)").register(metrics);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            Log.warn("Outbox relay disabled (ecoplan.events.relay-enabled=false): recorded events stay unpublished");
            return;
        }
        running = true;
        thread = new Thread(this::relayUntilStopped, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Runs once the recording transaction has committed, on the committing thread: signals, and counts the events by
     * type ({@code ecoplan_events_recorded_total{type}}: e.g. reports submitted per hour), committed ones only.
     */
    void wakeAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEventsRecorded recorded) {
        wakeUps.release();
        for (String type : recorded.types()) {
            metrics.counter("ecoplan.events.recorded", "type", type).increment();
        }
    }

    /** When the relay last emptied the outbox (or found another replica relaying); {@code null} before the first time. */
    Instant lastSuccessfulRun() {
        return lastSuccessfulRun;
    }

    private void relayUntilStopped() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try {
                if (!topicsProvisioned) {
                    topics.provision();
                    topicsProvisioned = true;
                }
                relayWaitingEvents();
                backoff = FIRST_BACKOFF;
                lastSuccessfulRun = Instant.now();
                awaitWakeUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                publishFailures.increment();
                Log.warnf("Outbox relay failed, retrying in %d ms: %s", backoff.toMillis(), e.getMessage());
                if (!pause(backoff)) {
                    return;
                }
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    private void awaitWakeUp() throws InterruptedException {
        wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        // One pass serves every commit that happened meanwhile.
        wakeUps.drainPermits();
    }

    private void relayWaitingEvents() throws InterruptedException, SQLException {
        int relayed;
        do {
            relayed = relayBatch();
        } while (relayed == config.batchSize() && running);
    }

    /** @return how many events were published, or 0 if another replica holds the relay lock */
    private int relayBatch() throws InterruptedException, SQLException {
        try (Connection connection = store.openTransaction()) {
            try {
                if (!store.tryRelayLock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<WaitingEvent> events = store.waiting(connection, config.batchSize());
                if (events.isEmpty()) {
                    connection.rollback();
                    return 0;
                }
                EventPublisher.Outcome outcome = publisher.publish(events);
                store.markPublished(connection, outcome.acknowledged());
                connection.commit();
                recordMetrics(outcome.acknowledged());
                if (outcome.failure() != null) {
                    throw new IllegalStateException("Kafka acknowledged %d of %d events: %s".formatted(
                            outcome.acknowledged().size(), events.size(), outcome.failure()), outcome.failure());
                }
                return events.size();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private void recordMetrics(List<WaitingEvent> published) {
        Instant now = Instant.now();
        for (WaitingEvent event : published) {
            metrics.counter("ecoplan.events.published", "topic", event.topic()).increment();
            commitToAcknowledgement.record(Duration.between(event.occurredAt(), now));
            Log.debugf("Published %s %s for %s %s", event.type(), event.id(), event.aggregateType(), event.aggregateId());
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
