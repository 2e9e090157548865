package org.ecoplan.systemtest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.ecoplan.infrastructure.KafkaCluster;
import org.ecoplan.launcher.EcoPlanStack;
import org.ecoplan.launcher.LocalService;
import org.ecoplan.launcher.ServiceProcess;

/**
 * Injects faults one after the other while traffic runs, and measures how EcoPlan recovers from each:
 * <ul>
 * <li><b>ready</b>: from the restart (the process, broker or database started again) until every instance
 * answers {@code /q/health/ready} with 200;</li>
 * <li><b>drained</b>: from the restart until the backlog it caused is gone: every outbox empty at one sample,
 * and then every consumer group committed up to the end offsets the topics had at that sample.</li>
 * </ul>
 * A monitor thread samples every half second. The next fault waits until the backlog has drained (at most
 * {@link #DRAIN_WAIT}); one that takes longer keeps being measured, and its figure then includes the next fault.
 */
final class Faults {

    static final List<String> ALL = List.of("kill", "kafka", "postgres", "rebuild");
    /**
     * On a Kafka cluster with replicas (ReportChainOnClusterIT): one Kafka node SIGKILLed and started again, one
     * replica of each service SIGKILLed and started again, PostgreSQL restarted.
     */
    static final List<String> CLUSTER = List.of("broker", "replica", "postgres");
    static final List<String> TOPICS = List.of("ecoplan.plan", "ecoplan.progress", "ecoplan.indicator", "ecoplan.notification");
    /** A restart takes 10-25 s on two busy cores; a service not ready after this has not recovered by itself. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** Longer than Kafka's default session timeout (45 s), after which a killed consumer's partitions move on. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(75);

    /** One injected fault and its recovery. */
    static final class Fault {
        final String name;
        final long startedAt = System.nanoTime();
        volatile long restartedAt;
        volatile Duration ready;
        volatile Duration drained;
        /** A Kafka node's restart: until every partition had all its replicas in sync again. */
        volatile Duration inSync;
        volatile Map<TopicPartition, Long> drainTarget;
        volatile long nextFaultAt;
        /** Why EcoPlan did not recover from it; null when it did. */
        volatile String failure;

        Fault(String name) {
            this.name = name;
        }
    }

    private final RunningEcoPlan ecoplan;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile boolean monitoring;

    private final Set<String> kinds;

    /** @param kinds which faults to inject, of {@link #ALL}: kill, kafka, postgres, rebuild */
    Faults(RunningEcoPlan ecoplan, Set<String> kinds) {
        this.ecoplan = ecoplan;
        this.kinds = Set.copyOf(kinds);
    }

    List<Fault> faults() {
        return List.copyOf(faults);
    }

    /**
     * The sequence: one Kafka node of a cluster SIGKILLed, away for {@code kafkaDown} and started again; one replica of
     * each service SIGKILLed and started again; each service SIGKILLed and started again; the broker stopped for {@code kafkaDown} and started;
     * PostgreSQL restarted; a roll-up rebuild while events arrive. {@code pause} between faults.
     */
    void inject(Duration pause, Duration kafkaDown) throws InterruptedException {
        try {
            injectAll(pause, kafkaDown);
        } catch (RuntimeException | AssertionError e) {
            // EcoPlan did not recover: the sequence ends here, the test reports what it measured so far.
            Fault last = faults.isEmpty() ? begin("before the first fault") : faults.get(faults.size() - 1);
            last.failure = e.getMessage();
            System.out.println("  fault: " + last.name + " FAILED: " + e.getMessage());
        }
    }

    /** @return the first fault EcoPlan did not recover from */
    Optional<Fault> unrecovered() {
        return faults.stream().filter(fault -> fault.failure != null).findFirst();
    }

    private void injectAll(Duration pause, Duration kafkaDown) throws InterruptedException {
        EcoPlanStack stack = ecoplan.stack();
        if (kinds.contains("broker")) {
            killKafkaNode(stack, pause, kafkaDown);
        }
        if (kinds.contains("replica")) {
            killEachService(stack, pause, true);
        }
        if (kinds.contains("kill")) {
            killEachService(stack, pause, false);
        }
        if (kinds.contains("kafka")) {
            stopAndStartKafka(stack, pause, kafkaDown);
        }
        if (kinds.contains("postgres")) {
            restartPostgres(stack, pause);
        }
        if (kinds.contains("rebuild")) {
            rebuildRollups();
        }
    }

    /**
     * @param oneReplica kill one of the service's replicas (the first, second, first … service by service) while the
     *                   others serve; otherwise the first instance
     */
    private void killEachService(EcoPlanStack stack, Duration pause, boolean oneReplica) throws InterruptedException {
        List<LocalService> services = List.of(LocalService.INDICATOR, LocalService.NOTIFICATION, LocalService.PROGRESS,
                LocalService.PLAN);
        for (int i = 0; i < services.size(); i++) {
            LocalService service = services.get(i);
            int replicas = stack.instances(service).size();
            ServiceProcess instance = oneReplica ? stack.replica(service, i % replicas + 1) : stack.instance(service);
            Fault fault = begin("SIGKILL " + instance.name() + (oneReplica ? " (1 of " + replicas + ")" : ""));
            instance.kill();
            instance.start();
            restarted(fault);
            fault.ready = instance.awaitReady(READY_TIMEOUT);
            report(fault);
            awaitDrained(fault);
            sleep(pause);
        }
    }

    /** SIGKILL the active controller (a broker leading partitions too), away for {@code down}, then started again. */
    private void killKafkaNode(EcoPlanStack stack, Duration pause, Duration down) throws InterruptedException {
        KafkaCluster cluster = stack.kafkaCluster().orElseThrow(() -> new IllegalStateException("no Kafka cluster"));
        int node = cluster.quorumLeader();
        Fault fault = begin("SIGKILL Kafka node " + node + " of " + cluster.size() + ", " + down.toSeconds() + " s");
        stack.killKafkaNode(node);
        sleep(down);
        stack.startKafkaNode(node);
        restarted(fault);
        fault.ready = awaitAllReady();
        report(fault);
        cluster.awaitFullyReplicated(READY_TIMEOUT);
        fault.inSync = Duration.ofNanos(System.nanoTime() - fault.restartedAt);
        System.out.printf("  fault: %s, every partition in sync after %.1f s%n", fault.name, fault.inSync.toMillis() / 1000.0);
        awaitDrained(fault);
        sleep(pause);
    }

    private void stopAndStartKafka(EcoPlanStack stack, Duration pause, Duration kafkaDown) throws InterruptedException {
        Fault kafka = begin("Kafka stopped " + kafkaDown.toSeconds() + " s");
        stack.stopKafka();
        sleep(kafkaDown);
        stack.startKafka();
        restarted(kafka);
        kafka.ready = awaitAllReady();
        report(kafka);
        awaitDrained(kafka);
        sleep(pause);
    }

    private void restartPostgres(EcoPlanStack stack, Duration pause) throws InterruptedException {
        Fault postgres = begin("PostgreSQL restarted");
        stack.restartPostgres();
        restarted(postgres);
        postgres.ready = awaitAllReady();
        report(postgres);
        awaitDrained(postgres);
        sleep(pause);
    }

    private void rebuildRollups() {
        Fault rebuild = begin("POST /rollups/rebuild");
        Http.Response answer = ecoplan.http().send(new Http.Call("POST",
                ecoplan.uri(LocalService.INDICATOR, "/rollups/rebuild"), ecoplan.token("admin", null, "st.admin"),
                Map.of(), null, true));
        // Nothing restarts: the drain is measured from the answer, and "ready" does not apply.
        restarted(rebuild);
        System.out.printf("  fault: %s answered %d after %.1f s: %s%n", rebuild.name, answer.status(),
                (rebuild.restartedAt - rebuild.startedAt) / 1e9, answer.body());
        if (answer.status() != 200) {
            throw new AssertionError("The roll-up rebuild during traffic answered " + answer);
        }
    }

    /** Samples backlogs and committed offsets every half second until {@link #stopMonitoring()}. */
    Thread startMonitoring() {
        monitoring = true;
        Thread monitor = new Thread(() -> {
            while (monitoring) {
                try {
                    sample();
                } catch (RuntimeException e) {
                    // Kafka or a service is away right now: the next sample tries again.
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "recovery-monitor");
        monitor.setDaemon(true);
        monitor.start();
        return monitor;
    }

    void stopMonitoring() {
        monitoring = false;
    }

    /** Measures drains that have not finished yet against the current state. */
    void sample() {
        List<Fault> pending = faults.stream().filter(fault -> fault.restartedAt != 0 && fault.drained == null).toList();
        if (pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        boolean outboxesEmpty = ecoplan.stack().instances().stream().allMatch(ServiceProcess::isReady)
                && ecoplan.outboxBacklogs().values().stream().allMatch(waiting -> waiting == 0);
        Map<TopicPartition, Long> ends = null;
        Map<String, Map<TopicPartition, Long>> committed = null;
        for (Fault fault : pending) {
            if (fault.drainTarget == null) {
                if (outboxesEmpty) {
                    ends = ends != null ? ends : ecoplan.kafka().endOffsets(TOPICS);
                    fault.drainTarget = ends;
                }
                continue;
            }
            committed = committed != null ? committed : ecoplan.kafka().committedByGroup();
            if (caughtUp(committed, fault.drainTarget)) {
                fault.drained = Duration.ofNanos(now - fault.restartedAt);
            }
        }
    }

    private static boolean caughtUp(Map<String, Map<TopicPartition, Long>> committed, Map<TopicPartition, Long> target) {
        for (Map<TopicPartition, Long> group : committed.values()) {
            for (var offset : group.entrySet()) {
                Long end = target.get(offset.getKey());
                if (end != null && offset.getValue() < end) {
                    return false;
                }
            }
        }
        return true;
    }

    private Duration awaitAllReady() {
        long startedAt = System.nanoTime();
        for (ServiceProcess instance : ecoplan.stack().instances()) {
            instance.awaitReady(READY_TIMEOUT);
        }
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private Fault begin(String name) {
        Fault fault = new Fault(name);
        faults.stream().filter(earlier -> earlier.nextFaultAt == 0).forEach(earlier -> earlier.nextFaultAt = fault.startedAt);
        faults.add(fault);
        System.out.println("  fault: " + name);
        return fault;
    }

    private static void restarted(Fault fault) {
        fault.restartedAt = System.nanoTime();
    }

    /**
     * Gives the backlog of a fault time to drain before the next fault, so that each recovery is measured on its
     * own; a backlog that takes longer is measured on (and marked as overlapping the next fault).
     */
    private static void awaitDrained(Fault fault) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (fault.drained == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
        }
        if (fault.drained != null) {
            System.out.printf("  fault: %s, drained after %.1f s%n", fault.name, fault.drained.toMillis() / 1000.0);
        }
    }

    private static void report(Fault fault) {
        System.out.printf("  fault: %s, ready after %.1f s%n", fault.name, fault.ready.toMillis() / 1000.0);
    }

    private static void sleep(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }
}
