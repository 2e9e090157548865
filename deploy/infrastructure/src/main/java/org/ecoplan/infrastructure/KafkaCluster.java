package org.ecoplan.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka cluster on this machine: {@code n} KRaft nodes, each broker and controller in one JVM
 * ({@link KafkaBroker}'s process handling), the {@code n} controllers forming a static quorum of {@code n} voters.
 * Every topic, ours and Kafka's internal ones, gets replication factor {@code min(n, 3)} and
 * {@code min.insync.replicas} one less (3 and 2 for three nodes): with the services' {@code acks=all} producers one
 * node may be down without losing or refusing an event.
 *
 * <pre>
 *   cluster.id                 the cluster's id (made once; every node is formatted with it)
 *   node-1/, node-2/, …        each node's data directory, laid out as a {@link KafkaBroker}'s (logs/broker.log …)
 * </pre>
 * A node can be killed (SIGKILL) or stopped and started again on its data and ports, as a crash or an operator's
 * rolling restart does; the cluster goes on meanwhile. Ports are fixed for the cluster's lifetime: the controllers'
 * addresses are part of every node's configuration.
 */
public final class KafkaCluster implements AutoCloseable {

    /** The client (PLAINTEXT) and controller ports of one node; 0 = any free port, picked once. */
    public record Ports(int client, int controller) {
    }

    private static final System.Logger LOG = System.getLogger(KafkaCluster.class.getName());
    private static final Duration STOP_ALL_GRACE = Duration.ofSeconds(10);

    private final Path directory;
    private final List<Ports> ports;
    private final String clusterId;
    private final KafkaBroker[] nodes;

    private KafkaCluster(Path directory, List<Ports> ports, String clusterId) {
        this.directory = directory;
        this.ports = List.copyOf(ports);
        this.clusterId = clusterId;
        this.nodes = new KafkaBroker[ports.size()];
    }

    /** @return {@code nodes} nodes on consecutive ports from {@code first}: client {@code first + 2i}, controller one more */
    public static List<Ports> consecutivePorts(int first, int nodes) {
        return IntStream.range(0, nodes).mapToObj(i -> new Ports(first + 2 * i, first + 2 * i + 1)).toList();
    }

    /** @return {@code nodes} nodes on ports picked when the cluster starts */
    public static List<Ports> anyPorts(int nodes) {
        return IntStream.range(0, nodes).mapToObj(i -> new Ports(0, 0)).toList();
    }

    /**
     * Starts every node (formatting the data directories that were never formatted) and waits until the cluster
     * answers with every node registered.
     */
    public static KafkaCluster start(Path directory, List<Ports> ports) {
        if (ports.size() < 2) {
            throw new IllegalArgumentException("A cluster has at least 2 nodes; use KafkaBroker for one");
        }
        long startedAt = System.nanoTime();
        Path home = directory.toAbsolutePath().normalize();
        stopLeftover(home, ports.size());
        List<Ports> picked = ports.stream().map(node -> new Ports(FreePort.orPick(node.client()),
                FreePort.orPick(node.controller()))).toList();
        KafkaCluster cluster = new KafkaCluster(home, picked, clusterId(home));
        try {
            // All at once: no node answers before a majority of the voters runs.
            for (int node = 1; node <= cluster.size(); node++) {
                cluster.nodes[node - 1] = cluster.launch(node);
            }
            awaitAll(cluster, IntStream.rangeClosed(1, cluster.size()).boxed().toList());
            cluster.awaitNodesRegistered(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.log(Level.INFO, "Kafka cluster of {0} nodes ready at {1} in {2} ms (data in {3})", cluster.size(),
                cluster.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), home);
        return cluster;
    }

    /**
     * Stops the nodes an earlier, killed run left running on {@code directory}.
     *
     * @return how many there were
     */
    public static int stopLeftover(Path directory, int nodes) {
        int stopped = 0;
        for (int node = 1; node <= nodes; node++) {
            stopped += KafkaBroker.stopLeftover(nodeDirectory(directory, node)) ? 1 : 0;
        }
        return stopped;
    }

    /** @return {@code host:port,…} of every node, for {@code bootstrap.servers} (stable across restarts) */
    public String bootstrapServers() {
        return ports.stream().map(node -> "127.0.0.1:" + node.client()).collect(Collectors.joining(","));
    }

    /** @return the number of nodes */
    public int size() {
        return nodes.length;
    }

    /** @return the ports of node {@code node} (1-based) */
    public Ports ports(int node) {
        return ports.get(node - 1);
    }

    /** @return the data directory of node {@code node} (1-based) */
    public Path nodeDirectory(int node) {
        return nodeDirectory(directory, node);
    }

    public boolean isRunning(int node) {
        KafkaBroker broker = nodes[node - 1];
        return broker != null && broker.isRunning();
    }

    /** SIGKILL node {@code node}: no controlled shutdown; its partitions' leadership moves once it is fenced. */
    public void kill(int node) {
        nodes[node - 1].kill();
        LOG.log(Level.INFO, "Killed Kafka node {0} (SIGKILL)", node);
    }

    /** Stops node {@code node} (a controlled shutdown: it hands its partitions' leadership on first). */
    public void stop(int node) {
        nodes[node - 1].close();
    }

    /**
     * Starts node {@code node} again on its data and ports and waits until it answers (the other nodes run).
     *
     * @return how long it took
     */
    public Duration start(int node) {
        if (isRunning(node)) {
            throw new IllegalStateException("Kafka node " + node + " is running");
        }
        long startedAt = System.nanoTime();
        nodes[node - 1] = launch(node);
        nodes[node - 1].awaitStarted();
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /**
     * Stops every node (in parallel, controlled shutdowns). A node whose controlled shutdown was not approved before
     * the others left waits for a quorum that will not come back (Kafka gives up after 5 minutes): it is killed
     * after {@link #STOP_ALL_GRACE}, where the others took 2-3 s.
     */
    public void stopAll() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (KafkaBroker node : nodes) {
            if (node != null) {
                stopping.add(CompletableFuture.runAsync(() -> node.stop(STOP_ALL_GRACE)));
            }
        }
        stopping.forEach(CompletableFuture::join);
    }

    /** Starts every node that does not run, on its data and ports, and waits until they answer. */
    public void startAll() {
        List<Integer> starting = new ArrayList<>();
        for (int node = 1; node <= size(); node++) {
            if (!isRunning(node)) {
                nodes[node - 1] = launch(node);
                starting.add(node);
            }
        }
        awaitAll(this, starting);
        awaitNodesRegistered(Duration.ofSeconds(90));
    }

    /** @return the node id of the active controller (the quorum's leader), e.g. the one to kill for a harder fault */
    public int quorumLeader() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The Kafka cluster did not describe its quorum: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the partitions whose in-sync replicas are fewer than their replicas ({@code topic-partition} to
     *         {@code in-sync/replicas}), over every topic; empty when the cluster is fully replicated
     */
    public Map<String, String> underReplicatedPartitions() {
        try (Admin admin = admin()) {
            var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get(10, TimeUnit.SECONDS);
            Map<String, String> under = new LinkedHashMap<>();
            for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.isr().size() < partition.replicas().size()) {
                        under.put(topic.name() + "-" + partition.partition(),
                                partition.isr().size() + "/" + partition.replicas().size());
                    }
                }
            }
            return under;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The Kafka cluster did not describe its topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync again (after a node came back).
     *
     * @return how long it took
     */
    public Duration awaitFullyReplicated(Duration timeout) {
        long startedAt = System.nanoTime();
        long deadline = startedAt + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, String> under = underReplicatedPartitions();
                if (under.isEmpty()) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
                last = under;
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep(250);
        }
        throw new IllegalStateException("Not fully replicated within " + timeout + ": " + last);
    }

    /** Stops every node; safe to call more than once. */
    @Override
    public void close() {
        stopAll();
    }

    private KafkaBroker launch(int node) {
        Map<Integer, Integer> voters = new LinkedHashMap<>();
        for (int voter = 1; voter <= ports.size(); voter++) {
            voters.put(voter, ports.get(voter - 1).controller());
        }
        int replicas = Math.min(size(), 3);
        KafkaBroker.Quorum quorum = new KafkaBroker.Quorum(node, voters, clusterId, replicas, replicas - 1);
        Ports own = ports(node);
        return KafkaBroker.launch(nodeDirectory(node), own.client(), own.controller(), quorum);
    }

    private static void awaitAll(KafkaCluster cluster, List<Integer> nodes) {
        List<CompletableFuture<Void>> waiting = nodes.stream()
                .map(node -> CompletableFuture.runAsync(() -> cluster.nodes[node - 1].awaitStarted())).toList();
        try {
            waiting.forEach(CompletableFuture::join);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void awaitNodesRegistered(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (seen == size()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                sleep(250);
            }
        }
        throw new IllegalStateException("Only " + seen + " of " + size() + " Kafka nodes registered within " + timeout);
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ecoplan-cluster-check");
        return Admin.create(config);
    }

    private static Path nodeDirectory(Path directory, int node) {
        return directory.resolve("node-" + node);
    }

    /** The cluster's id, made on the first start and kept: a node formatted with another id would not join. */
    private static String clusterId(Path directory) {
        Path file = directory.resolve("cluster.id");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(directory);
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + bootstrapServers() + "]";
    }
}
