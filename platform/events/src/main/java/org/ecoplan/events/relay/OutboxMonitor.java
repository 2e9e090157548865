package org.ecoplan.events.relay;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaFuture;
import org.ecoplan.events.health.DatabaseProbe;

import io.quarkus.scheduler.Scheduled;

/**
 * Keeps what readiness and the backlog gauge report up to date in the background: whether Kafka answers and how
 * many events wait in the outbox. Reading them never waits for the broker or the database, so
 * {@code /q/health/ready} and {@code /q/metrics} answer at once while either is away (they hung for the admin
 * client's timeout before).
 */
@ApplicationScoped
class OutboxMonitor {

    /** Longer than a healthy broker ever needs to describe the cluster, short enough for a timely DOWN. */
    private static final int KAFKA_TIMEOUT_MS = 1500;

    private final OutboxStore store;
    private final KafkaClients kafka;
    private final DatabaseProbe database;

    private volatile Boolean kafkaReachable;
    private volatile Instant kafkaCheckedAt;
    private volatile OutboxBacklog backlog;
    private volatile String backlogFailure;
    private KafkaFuture<?> kafkaProbe;

    OutboxMonitor(OutboxStore store, KafkaClients kafka, DatabaseProbe database) {
        this.store = store;
        this.kafka = kafka;
        this.database = database;
    }

    /** What the last refresh found; {@code backlog} is {@code null} while the database is away. */
    record Snapshot(boolean kafkaReachable, Instant kafkaCheckedAt, OutboxBacklog backlog, String backlogFailure) {
    }

    @Scheduled(every = "${ecoplan.events.health-refresh-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        probeKafka();
        readBacklog();
    }

    Snapshot snapshot() {
        if (kafkaReachable == null) {
            // First call after the start: wait once for a first answer rather than report an unknown state.
            awaitFirstKafkaAnswer(probeKafka());
            readBacklog();
        }
        Boolean reachable = kafkaReachable;
        return new Snapshot(reachable != null && reachable, kafkaCheckedAt, backlog, backlogFailure);
    }

    /** The backlog as last read; 0 before the first read. */
    long waiting() {
        OutboxBacklog last = backlog;
        return last == null ? 0 : last.waiting();
    }

    /** Starts a probe unless one is under way; its outcome lands in the fields when the broker answers or the timeout passes. */
    private synchronized KafkaFuture<?> probeKafka() {
        if (kafkaProbe != null && !kafkaProbe.isDone()) {
            return kafkaProbe;
        }
        try {
            kafkaProbe = kafka.admin().describeCluster(new DescribeClusterOptions().timeoutMs(KAFKA_TIMEOUT_MS)).nodes()
                    .whenComplete((nodes, failure) -> {
                        kafkaReachable = failure == null && !nodes.isEmpty();
                        kafkaCheckedAt = Instant.now();
                    });
        } catch (RuntimeException e) {
            kafkaReachable = false;
            kafkaCheckedAt = Instant.now();
            kafkaProbe = KafkaFuture.completedFuture(null);
        }
        return kafkaProbe;
    }

    private void awaitFirstKafkaAnswer(KafkaFuture<?> probe) {
        try {
            probe.get(KAFKA_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The outcome (unreachable) is recorded by the probe itself.
        }
    }

    private void readBacklog() {
        DatabaseProbe.Status status = database.status();
        if (!status.reachable()) {
            backlog = null;
            backlogFailure = "database unreachable: " + status.failure();
            return;
        }
        try {
            backlog = store.backlog();
            backlogFailure = null;
        } catch (RuntimeException e) {
            backlog = null;
            backlogFailure = e.getMessage();
        }
    }
}
