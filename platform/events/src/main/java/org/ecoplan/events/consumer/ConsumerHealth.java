package org.ecoplan.events.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Where each consumer of this service stands: running, retrying a record while the database is away (the service
 * is then not ready), or waiting for something busy (still ready). Also remembers how long the last outage held a
 * consumer up, for operators and tests.
 */
@ApplicationScoped
public class ConsumerHealth {

    public enum State {
        RUNNING, RETRYING, WAITING
    }

    /**
     * @param since          when the current state began (the first failed attempt while retrying or waiting)
     * @param attempts       attempts of the current record so far
     * @param position       the record being retried, {@code topic-partition@offset}
     * @param lastRecovery   how long the last retrying spell lasted, from the first failed attempt to the record applied
     */
    public record Consumer(String name, State state, Instant since, int attempts, String position, String failure,
            Duration lastRecovery) {
    }

    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();

    void registered(String name) {
        consumers.putIfAbsent(name, new Consumer(name, State.RUNNING, Instant.now(), 0, null, null, null));
    }

    /** The record was applied, skipped or dead-lettered: the consumer moves on. */
    void movedOn(String name) {
        Consumer before = consumers.get(name);
        if (before != null && before.state() == State.RUNNING) {
            return;
        }
        Duration recovery = before == null ? null : Duration.between(before.since(), Instant.now());
        if (before != null) {
            Log.infof("Consumer %s resumed at %s after %d ms and %d attempt(s) (%s)", name, before.position(),
                    recovery.toMillis(), before.attempts(), before.state() == State.RETRYING ? "database or broker away" : "waited");
        }
        Duration lastRecovery = before != null && before.state() == State.RETRYING ? recovery
                : before == null ? null : before.lastRecovery();
        consumers.put(name, new Consumer(name, State.RUNNING, Instant.now(), 0, null, null, lastRecovery));
    }

    void retrying(String name, String position, String failure, int attempts) {
        change(name, State.RETRYING, position, failure, attempts);
    }

    void waiting(String name, String position, String reason, int attempts) {
        change(name, State.WAITING, position, reason, attempts);
    }

    public List<Consumer> all() {
        return consumers.values().stream().sorted(Comparator.comparing(Consumer::name)).toList();
    }

    public boolean anyRetrying() {
        return consumers.values().stream().anyMatch(consumer -> consumer.state() == State.RETRYING);
    }

    private void change(String name, State state, String position, String failure, int attempts) {
        consumers.compute(name, (key, before) -> {
            // The spell began at the first failed attempt of this record, whatever the kind of later failures.
            boolean sameSpell = before != null && before.state() != State.RUNNING && position.equals(before.position());
            Instant since = sameSpell ? before.since() : Instant.now();
            Duration lastRecovery = before == null ? null : before.lastRecovery();
            return new Consumer(name, state, since, attempts, position, failure, lastRecovery);
        });
    }
}
