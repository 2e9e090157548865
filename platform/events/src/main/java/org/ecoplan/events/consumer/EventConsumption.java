package org.ecoplan.events.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.ecoplan.events.CloudEventHeaders;
import org.ecoplan.events.EventsConfig;
import org.ecoplan.events.IncomingEvent;
import org.ecoplan.events.ProcessedEvents;
import org.ecoplan.events.health.DatabaseProbe;
import org.ecoplan.events.tracing.EventTracing;
import org.ecoplan.web.database.DatabaseFailures;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The one way every consumer handles a Kafka record, so that no record can stop a consumer and none is lost:
 * <ul>
 *   <li>The event is read, checked against the consumer's processed ids and applied in one transaction (the
 *       de-duplication record commits with the change, or neither does).</li>
 *   <li>An event type this version does not know is skipped and counted.</li>
 *   <li>The record's trace continues: handling it is a CONSUMER span, child of the {@code traceparent} it carries,
 *       current while the handler runs, so the events it records carry the same trace on.</li>
 *   <li>A failure is classified ({@link FailureClassifier}). While the database (or broker) is away the same record is
 *       retried with capped exponential back-off, for as long as it takes; the service reports not ready meanwhile
 *       and resumes with this very record, so nothing is skipped or applied twice. A concurrent writer gets a few
 *       retries. A record that can never be applied is written to the dead-letter table in a transaction of its own,
 *       counted and logged, and the consumer moves on (its offset is committed).</li>
 * </ul>
 * Nothing but a shutdown or a failure to even record a dead letter escapes: then the channel's
 * {@code failure-strategy=fail} stops it without committing the offset, and the record comes again after a restart.
 */
@ApplicationScoped
public class EventConsumption {

    /** How often a back-off pause looks whether the database came back, so that recovery does not wait out the pause. */
    private static final Duration PAUSE_SLICE = Duration.ofMillis(200);

    /** What became of a record. */
    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED, DEAD_LETTERED
    }

    private final ProcessedEvents processedEvents;
    private final FailureClassifier classifier;
    private final DeadLetterStore deadLetters;
    private final ConsumerHealth health;
    private final ConsumerMetrics metrics;
    private final DatabaseProbe database;
    private final EventsConfig.Consumers config;
    private final EventTracing tracing;
    private volatile boolean stopping;

    EventConsumption(ProcessedEvents processedEvents, FailureClassifier classifier, DeadLetterStore deadLetters,
            ConsumerHealth health, ConsumerMetrics metrics, DatabaseProbe database, EventsConfig config, EventTracing tracing) {
        this.tracing = tracing;
        this.processedEvents = processedEvents;
        this.classifier = classifier;
        this.deadLetters = deadLetters;
        this.health = health;
        this.metrics = metrics;
        this.database = database;
        this.config = config.consumers();
    }

    void start(@Observes StartupEvent startup, Instance<EventConsumer> consumers) {
        for (EventConsumer consumer : consumers) {
            health.registered(consumer.consumerName());
            metrics.register(consumer.consumerName());
        }
        metrics.refreshOpen();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /**
     * Handles one record completely: returns once it is applied, skipped or dead-lettered. Call it from the
     * consumer's {@code @Incoming @Blocking} method (not {@code @Transactional}: each attempt has its own transaction).
     */
    public Outcome consume(EventConsumer consumer, ConsumerRecord<String, String> record) {
        Span span = tracing.startProcess(consumer.consumerName(), record);
        try (Scope scope = EventTracing.activate(span)) {
            Outcome outcome = consumeInSpan(consumer, record);
            span.setAttribute("ecoplan.consumer.outcome", outcome.name());
            if (outcome == Outcome.DEAD_LETTERED) {
                span.setStatus(StatusCode.ERROR, "dead-lettered");
            }
            return outcome;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    private Outcome consumeInSpan(EventConsumer consumer, ConsumerRecord<String, String> record) {
        String name = consumer.consumerName();
        return withRetries(name, IncomingEvent.Position.of(record).toString(), () -> {
            Outcome outcome = applyOnce(consumer, record, () -> {
            });
            metrics.consumed(name, outcome);
            return outcome;
        }, (failure, attempts) -> {
            if (deadLetter(consumer, record, failure, attempts)) {
                metrics.consumed(name, Outcome.DEAD_LETTERED);
                return Optional.of(Outcome.DEAD_LETTERED);
            }
            // Could not even record it, most likely because the database went away meanwhile: try it all again.
            return Optional.empty();
        });
    }

    /**
     * Handles the records of one poll completely, in ONE transaction when it can: returns once each is applied,
     * skipped or dead-lettered, with the outcome of each in order. The events are read, their ids recorded as processed
     * in one statement, and those not handled before go to {@link BatchEventConsumer#applyAll} together; the de-dup rows
     * commit with the changes, so a batch redelivered after a crash or a rebalance applies nothing twice. A failure is
     * classified as for one record: while the database is away, the same batch is retried with back-off (the service
     * reports not ready meanwhile); while the handler is busy, it waits; a concurrent writer gets a few retries. A
     * failure that will not pass (a record that cannot be read or applied, or one concurrent writer too many) sends
     * the batch one record at a time through {@link #consume}, which dead-letters the bad record and applies the good
     * ones: one bad record never stops the consumer nor takes the others with it. Call it from the consumer's
     * {@code @Incoming @Blocking} method of a channel with {@code batch=true}; the offsets are committed when it returns.
     */
    public List<Outcome> consumeBatch(BatchEventConsumer consumer, List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        if (records.size() == 1) {
            return List.of(consume(consumer, records.get(0)));
        }
        Span span = tracing.startProcessBatch(consumer.consumerName(), records);
        try (Scope scope = EventTracing.activate(span)) {
            List<Outcome> outcomes = consumeBatchInSpan(consumer, records);
            span.setAttribute("ecoplan.consumer.applied", outcomes.stream().filter(o -> o == Outcome.APPLIED).count());
            return outcomes;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * A poll's records as {@link #consumeBatch} takes them: partition after partition, each in offset order (the
     * order of {@link ConsumerRecords}' iterator), so every key's records keep their topic order.
     */
    public static List<ConsumerRecord<String, String>> inOrder(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    private List<Outcome> consumeBatchInSpan(BatchEventConsumer consumer, List<ConsumerRecord<String, String>> records) {
        String name = consumer.consumerName();
        List<IncomingEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(IncomingEvent.from(record));
            } catch (RuntimeException unreadable) {
                // Its dead letter is the per-record path's to write; the others are applied around it.
                Log.infof("%s: %s cannot be read (%s); taking the poll's %d records one at a time", name,
                        IncomingEvent.Position.of(record), unreadable.getMessage(), records.size());
                return oneByOne(consumer, records);
            }
        }
        String position = events.get(0).position() + " … " + events.get(events.size() - 1).position() + " ("
                + records.size() + " records)";
        return withRetries(name, position, () -> {
            List<Outcome> outcomes = applyBatchOnce(consumer, events);
            outcomes.forEach(outcome -> metrics.consumed(name, outcome));
            return outcomes;
        }, (failure, attempts) -> {
            Log.warnf("%s: the batch %s failed for a reason that will not pass (%s); taking its records one at a time",
                    name, position, describe(failure));
            return Optional.of(oneByOne(consumer, records));
        });
    }

    private List<Outcome> oneByOne(EventConsumer consumer, List<ConsumerRecord<String, String>> records) {
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            outcomes.add(consume(consumer, record));
        }
        return outcomes;
    }

    /** One attempt at a whole batch, without retries; the outcome of each event in order. */
    private List<Outcome> applyBatchOnce(BatchEventConsumer consumer, List<IncomingEvent> events) {
        String name = consumer.consumerName();
        Outcome[] outcomes = new Outcome[events.size()];
        List<IncomingEvent> understood = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent event = events.get(i);
            if (consumer.understands(event)) {
                understood.add(event);
            } else {
                outcomes[i] = Outcome.IGNORED;
            }
        }
        if (!understood.isEmpty()) {
            Set<UUID> fresh = QuarkusTransaction.requiringNew().timeout((int) config.transactionTimeout().toSeconds()).call(() -> {
                Set<UUID> first = processedEvents.firstDeliveries(name, understood.stream().map(IncomingEvent::id).toList());
                Set<UUID> taken = new HashSet<>();
                // The same id twice in one poll (a producer's resend) is applied once, at its first place.
                List<IncomingEvent> toApply = understood.stream()
                        .filter(event -> first.contains(event.id()) && taken.add(event.id())).toList();
                if (!toApply.isEmpty()) {
                    consumer.applyAll(toApply);
                }
                return first;
            });
            Set<UUID> counted = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                if (outcomes[i] == null) {
                    IncomingEvent event = events.get(i);
                    outcomes[i] = fresh.contains(event.id()) && counted.add(event.id()) ? Outcome.APPLIED : Outcome.DUPLICATE;
                }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            if (outcomes[i] == Outcome.IGNORED) {
                IncomingEvent event = events.get(i);
                Log.infof("%s skipped %s: event %s of type %s is unknown to this version", name, event.position(),
                        event.id(), event.type());
                metrics.ignored(name, event.type());
            }
        }
        return List.of(outcomes);
    }

    /** What to do once a failure is known to be permanent; empty: it could not be done now, try it all again later. */
    @FunctionalInterface
    private interface PermanentFailure<T> {
        Optional<T> handle(RuntimeException failure, int attempts);
    }

    /**
     * Runs {@code attempt} until it succeeds or a permanent failure is handled: the one retry policy of every consumer
     * (see the class comment), for a record and for a batch alike, with the readiness it reports meanwhile.
     */
    private <T> T withRetries(String name, String position, Supplier<T> attempt, PermanentFailure<T> onPermanent) {
        int attempts = 0;
        int contention = 0;
        Duration backoff = config.initialBackoff();
        while (true) {
            if (stopping) {
                throw new ConsumptionStoppedException(name, position);
            }
            attempts++;
            RuntimeException failure;
            try {
                T result = attempt.get();
                health.movedOn(name);
                return result;
            } catch (RuntimeException e) {
                failure = e;
            }
            FailureKind kind = classifier.classify(failure);
            if (kind == FailureKind.CONTENTION && ++contention >= config.contentionAttempts()) {
                Log.warnf("%s: %s met a concurrent writer %d times; giving up on it", name, position, contention);
                kind = FailureKind.PERMANENT;
            }
            metrics.retried(name, kind);
            switch (kind) {
                case PERMANENT -> {
                    Optional<T> handled = onPermanent.handle(failure, attempts);
                    if (handled.isPresent()) {
                        health.movedOn(name);
                        return handled.get();
                    }
                    health.retrying(name, position, describe(failure), attempts);
                    pauseWhileDatabaseAway(backoff);
                    backoff = next(backoff);
                }
                case TRANSIENT -> {
                    Log.warnf("%s: %s failed while the database or broker is away (attempt %d), retrying in %d ms: %s",
                            name, position, attempts, backoff.toMillis(), describe(failure));
                    health.retrying(name, position, describe(failure), attempts);
                    pauseWhileDatabaseAway(backoff);
                    backoff = next(backoff);
                }
                case BUSY -> {
                    if (attempts == 1 || attempts % 30 == 0) {
                        Log.infof("%s: %s waits (attempt %d): %s", name, position, attempts, failure.getMessage());
                    }
                    health.waiting(name, position, failure.getMessage(), attempts);
                    pause(config.busyRetryInterval(), false);
                }
                case CONTENTION -> {
                    Log.infof("%s: %s met a concurrent writer (attempt %d), retrying: %s", name, position, attempts,
                            describe(failure));
                    pause(config.initialBackoff().multipliedBy(contention), false);
                }
            }
        }
    }

    /**
     * One attempt, without retries: reads the event, skips it if the consumer does not know its type or has handled
     * it already, applies it otherwise. {@code alsoInTransaction} runs in the transaction that applies it (or records
     * it as a repeat), e.g. to mark a dead letter resolved together with the change.
     *
     * @throws RuntimeException whatever the handler or the database threw; {@link FailureClassifier} tells what it means
     */
    Outcome applyOnce(EventConsumer consumer, ConsumerRecord<String, String> record, Runnable alsoInTransaction) {
        IncomingEvent event = IncomingEvent.from(record);
        if (!consumer.understands(event)) {
            Log.infof("%s skipped %s: event %s of type %s is unknown to this version", consumer.consumerName(),
                    event.position(), event.id(), event.type());
            metrics.ignored(consumer.consumerName(), event.type());
            return Outcome.IGNORED;
        }
        return QuarkusTransaction.requiringNew().timeout((int) config.transactionTimeout().toSeconds()).call(() -> {
            if (!processedEvents.firstDelivery(consumer.consumerName(), event.id())) {
                Log.debugf("%s skipped event %s (%s): already processed", consumer.consumerName(), event.id(), event.type());
                alsoInTransaction.run();
                return Outcome.DUPLICATE;
            }
            consumer.apply(event);
            alsoInTransaction.run();
            return Outcome.APPLIED;
        });
    }

    /** @return whether the dead letter is stored; {@code false} if storing it failed for a reason that may pass */
    private boolean deadLetter(EventConsumer consumer, ConsumerRecord<String, String> record, Throwable failure, int attempts) {
        String name = consumer.consumerName();
        Optional<UUID> eventId = header(record, CloudEventHeaders.ID).flatMap(EventConsumption::uuid);
        String eventType = header(record, CloudEventHeaders.TYPE).orElse(null);
        DeadLetterStore.Recorded recorded;
        try {
            recorded = QuarkusTransaction.requiringNew().call(
                    () -> deadLetters.record(name, record, eventId.orElse(null), eventType, failure, attempts));
        } catch (RuntimeException e) {
            FailureKind kind = classifier.classify(e);
            if (kind == FailureKind.PERMANENT) {
                // The record can be neither applied nor set aside: stop rather than lose it (failure-strategy=fail).
                Log.errorf(e, "%s cannot dead-letter %s-%d@%d (%s) either; stopping this consumer", name, record.topic(),
                        record.partition(), record.offset(), describe(failure));
                throw new IllegalStateException("Cannot dead-letter " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " for " + name, e);
            }
            Log.warnf("%s: cannot dead-letter %s-%d@%d now (%s), will try again", name, record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return false;
        }
        if (recorded.first()) {
            metrics.deadLettered(name);
        }
        metrics.openChanged();
        Log.errorf("%s dead-lettered %s-%d@%d (key %s, event %s, type %s) after %d attempt(s) as dead letter %s: %s", name,
                record.topic(), record.partition(), record.offset(), record.key(), eventId.map(UUID::toString).orElse("unreadable"),
                eventType, attempts, recorded.id(), describe(failure));
        return true;
    }

    /**
     * Waits out the back-off, but returns as soon as the database answers again after it did not, so that a
     * consumer resumes within about a second of PostgreSQL's return instead of at the end of a long pause.
     */
    private void pauseWhileDatabaseAway(Duration backoff) {
        pause(backoff, true);
    }

    private void pause(Duration duration, boolean endWhenDatabaseReturns) {
        long end = System.nanoTime() + duration.toNanos();
        boolean sawDatabaseAway = false;
        while (System.nanoTime() < end) {
            if (stopping) {
                return;
            }
            if (endWhenDatabaseReturns) {
                boolean reachable = database.status().reachable();
                if (!reachable) {
                    sawDatabaseAway = true;
                } else if (sawDatabaseAway) {
                    return;
                }
            }
            try {
                Thread.sleep(Math.min(PAUSE_SLICE.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                return;
            }
        }
    }

    private Duration next(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : doubled;
    }

    private static String describe(Throwable failure) {
        String state = DatabaseFailures.sqlState(failure).map(code -> " [SQLState " + code + "]").orElse("");
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        String message = failure.getMessage();
        if (root != failure && root.getMessage() != null && (message == null || !message.contains(root.getMessage()))) {
            message = message + " — " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + message + state;
    }

    private static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        try {
            return CloudEventHeaders.read(record.headers(), name);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The service is shutting down while a record waits: it is not committed, and comes again after the restart. */
    static final class ConsumptionStoppedException extends RuntimeException {
        ConsumptionStoppedException(String consumer, String position) {
            super(consumer + " stopped before " + position + " could be applied; it will be consumed again after the restart");
        }
    }
}
