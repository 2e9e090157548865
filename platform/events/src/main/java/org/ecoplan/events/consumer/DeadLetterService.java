package org.ecoplan.events.consumer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.ecoplan.events.IncomingEvent;
import org.ecoplan.web.paging.Page;
import org.ecoplan.web.paging.PageRequest;
import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What administrators do with dead letters: read them, retry one with today's code and data (it is then resolved
 * in the same transaction that applies it), or discard one with a reason. Consumers of a state topic mark the
 * letters a later state of the same entity made obsolete as superseded.
 */
@ApplicationScoped
public class DeadLetterService {

    private final DeadLetterStore store;
    private final EventConsumption consumption;
    private final FailureClassifier classifier;
    private final ConsumerMetrics metrics;
    private final Instance<EventConsumer> consumers;

    DeadLetterService(DeadLetterStore store, EventConsumption consumption, FailureClassifier classifier,
            ConsumerMetrics metrics, Instance<EventConsumer> consumers) {
        this.store = store;
        this.consumption = consumption;
        this.classifier = classifier;
        this.metrics = metrics;
        this.consumers = consumers;
    }

    public Page<DeadLetter> list(String consumer, DeadLetterStatus status, PageRequest page) {
        long total = store.count(consumer, status);
        return Page.of(store.page(consumer, status, page.offset(), page.size), page, total);
    }

    public Optional<DeadLetter> find(UUID id) {
        return store.find(id);
    }

    /**
     * Applies the letter's record again, through its consumer, as the consumer would now.
     *
     * @return the letter, resolved
     * @throws ProblemException 404 unknown letter, 409 not open (or the consumer does not exist here, or a concurrent
     *                          writer or busy handler got in the way: try again), 422 the record still cannot be applied
     *                          (the letter stays open with the new reason)
     */
    public DeadLetter retry(UUID id, String by) {
        DeadLetter letter = openLetter(id);
        EventConsumer consumer = consumers.stream().filter(candidate -> candidate.consumerName().equals(letter.consumer()))
                .findFirst().orElseThrow(() -> ProblemException.conflict("consumer " + letter.consumer()
                        + " does not run in this service / 本服务没有该消费者"));
        EventConsumption.Outcome outcome;
        try {
            outcome = consumption.applyOnce(consumer, DeadLetterStore.toRecord(letter), () -> {
                // In the applying transaction: the letter is resolved exactly when its record is applied.
                if (store.lock(id).filter(locked -> locked.status() == DeadLetterStatus.OPEN).isEmpty()) {
                    throw ProblemException.conflict("dead letter " + id + " is no longer open / 该记录已处理");
                }
                store.resolve(id, DeadLetterStatus.RESOLVED, by, "retried and applied");
            });
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failedRetry(letter, e);
        }
        if (outcome == EventConsumption.Outcome.IGNORED) {
            QuarkusTransaction.requiringNew().run(() -> store.resolve(id, DeadLetterStatus.RESOLVED, by,
                    "retried: event type " + letter.eventType() + " is not for this consumer version, nothing to apply"));
        }
        metrics.openChanged();
        Log.infof("Dead letter %s (%s, %s-%d@%d) retried by %s: %s", id, letter.consumer(), letter.topic(),
                letter.partition(), letter.offset(), by, outcome);
        return store.find(id).orElseThrow();
    }

    /** @return the letter, discarded */
    @Transactional
    public DeadLetter discard(UUID id, String reason, String by) {
        if (!store.resolve(id, DeadLetterStatus.DISCARDED, by, reason)) {
            openLetter(id);
        }
        Log.infof("Dead letter %s discarded by %s: %s", id, by, reason);
        metrics.openChanged();
        return store.find(id).orElseThrow();
    }

    /**
     * For consumers of a state topic (the catalogue), in their applying transaction: the open letters of the event's
     * entity that came before it on its partition no longer matter, because this later full state was applied.
     *
     * @return how many letters were superseded
     */
    @Transactional(TxType.MANDATORY)
    public int supersedeEarlier(String consumer, IncomingEvent event, String resolution) {
        if (event.key() == null) {
            return 0;
        }
        IncomingEvent.Position position = event.position();
        int superseded = store.supersede(consumer, position.topic(), position.partition(), event.key(), position.offset(),
                resolution);
        if (superseded > 0) {
            Log.infof("%s: %d dead letter(s) of %s superseded by event %s at %s", consumer, superseded, event.key(),
                    event.id(), position);
            metrics.openChanged();
        }
        return superseded;
    }

    private DeadLetter openLetter(UUID id) {
        DeadLetter letter = store.find(id).orElseThrow(() -> ProblemException.notFound("Dead letter", id));
        if (letter.status() != DeadLetterStatus.OPEN) {
            throw ProblemException.conflict("dead letter " + id + " is " + letter.status() + " already / 该记录已处理");
        }
        return letter;
    }

    private RuntimeException failedRetry(DeadLetter letter, RuntimeException failure) {
        FailureKind kind = classifier.classify(failure);
        switch (kind) {
            case TRANSIENT -> {
                // ProblemMappers answers 503 with Retry-After when the database is away.
                return failure;
            }
            case BUSY, CONTENTION -> {
                return ProblemException.conflict("the record could not be applied now, try again shortly / 暂时无法处理，请稍后重试: "
                        + failure.getMessage());
            }
            case PERMANENT -> {
                QuarkusTransaction.requiringNew().run(() -> store.failedAgain(letter.id(), failure));
                Log.warnf("Retry of dead letter %s (%s) failed again: %s", letter.id(), letter.consumer(), failure.getMessage());
                return new ProblemException(ProblemType.UNPROCESSABLE,
                        "the record still cannot be applied; the dead letter stays open / 记录仍无法处理: " + failure.getMessage(),
                        List.<Problem.FieldProblem>of());
            }
        }
        return failure;
    }
}
