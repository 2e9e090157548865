package org.ecoplan.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real, single-node Apache Kafka broker (KRaft, broker and controller in one process): the one the
 * user configured, or one started here as a separate JVM.
 *
 * <h2>Configured broker</h2>
 * {@code ECOPLAN_KAFKA_BOOTSTRAP_SERVERS} (environment variable or system property), e.g.
 * {@code kafka1:9092,kafka2:9092}: used as it is, never stopped by us.
 *
 * <h2>Started broker</h2>
 * {@code java -cp '<libs>/*' kafka.Kafka server.properties}, where {@code <libs>} holds the jars of
 * {@code org.apache.kafka:kafka_2.13} 4.1.2 and its dependencies, downloaded from Maven Central by the
 * build and copied by module {@code deploy/kafka-broker} to {@code deploy/kafka-broker/target/libs}
 * (override: system property {@code ecoplan.kafka.libs} or environment variable
 * {@code ECOPLAN_KAFKA_LIBS}). Everything of one broker lives in its data directory:
 * <pre>
 *   server.properties, log4j2.properties   written on every start
 *   data/                                  the partitions (formatted once: StorageTool format --standalone)
 *   logs/broker.log                        the broker's own log (log4j2, rolled at 10 MB)
 *   console.log                            stdout/stderr of the JVM (normally almost empty)
 *   broker.pid                             pid of the running broker
 * </pre>
 * Listeners bind 127.0.0.1 only. A data directory that was formatted before keeps its topics and
 * offsets across restarts; use the same ports again (the controller's address is part of the
 * formatted metadata).
 */
public final class KafkaBroker implements AutoCloseable {

    /** Environment variable (or system property) naming an existing broker to use. */
    public static final String BOOTSTRAP_SERVERS_VARIABLE = "ECOPLAN_KAFKA_BOOTSTRAP_SERVERS";
    public static final String LIBS_PROPERTY = "ecoplan.kafka.libs";
    public static final String LIBS_VARIABLE = "ECOPLAN_KAFKA_LIBS";

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** Small heap and C1 only: a development broker carries little traffic and should start fast. */
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms32m", "-Xmx256m", "-XX:MaxDirectMemorySize=128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-Xss512k",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");

    private final String bootstrapServers;
    private final ChildProcess process;
    private final Path dataDirectory;

    private KafkaBroker(String bootstrapServers, ChildProcess process, Path dataDirectory) {
        this.bootstrapServers = bootstrapServers;
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    /** @return the broker named by {@code ECOPLAN_KAFKA_BOOTSTRAP_SERVERS}, if set */
    public static Optional<KafkaBroker> configured() {
        return Settings.lookup(BOOTSTRAP_SERVERS_VARIABLE).map(KafkaBroker::connect);
    }

    /**
     * @return the configured broker if there is one, otherwise a broker started in {@code dataDirectory}
     *         on the given loopback ports (0 = any free port)
     */
    public static KafkaBroker configuredOrStart(Path dataDirectory, int port, int controllerPort) {
        return configured().orElseGet(() -> start(dataDirectory, port, controllerPort));
    }

    /** Uses an existing broker; waits until it answers. */
    public static KafkaBroker connect(String bootstrapServers) {
        awaitReady(bootstrapServers, null, READY_TIMEOUT);
        LOG.log(Level.INFO, "Using the configured Kafka broker at {0}", bootstrapServers);
        return new KafkaBroker(bootstrapServers, null, null);
    }

    /**
     * Starts a broker as a child JVM and waits until it accepts requests. Formats the data
     * directory first if it was never formatted; otherwise the broker finds its topics again.
     *
     * @param port           the client listener's port on 127.0.0.1, 0 = any free port
     * @param controllerPort the KRaft controller listener's port on 127.0.0.1, 0 = any free port
     */
    public static KafkaBroker start(Path dataDirectory, int port, int controllerPort) {
        long startedAt = System.nanoTime();
        KafkaBroker broker = launch(dataDirectory, port, controllerPort, Quorum.STANDALONE);
        broker.awaitStarted();
        LOG.log(Level.INFO, "Kafka broker ready at {0} in {1} ms (data in {2})", broker.bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), broker.dataDirectory);
        return broker;
    }

    /**
     * Starts the broker's JVM without waiting for it: the nodes of a {@link KafkaCluster} must all be running before
     * any of them can elect a controller and answer. Formats the data directory first if it was never formatted.
     */
    static KafkaBroker launch(Path dataDirectory, int port, int controllerPort, Quorum quorum) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        stopLeftover(directory);
        int clientPort = FreePort.orPick(port);
        int quorumPort = FreePort.orPick(controllerPort);
        requireFree(clientPort);
        requireFree(quorumPort);
        Path libs = libsDirectory();
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.createDirectories(directory.resolve("logs"));
            Files.createDirectories(directory.resolve("tmp"));
            Path serverProperties = directory.resolve("server.properties");
            Files.writeString(serverProperties, serverProperties(directory, clientPort, quorumPort, quorum));
            Path log4j = directory.resolve("log4j2.properties");
            Files.writeString(log4j, log4jProperties(directory.resolve("logs")));
            List<String> java = javaCommand(libs, directory);
            if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
                format(java, serverProperties, directory, quorum);
            }
            List<String> command = new ArrayList<>(java);
            command.addAll(List.of(MAIN_CLASS, serverProperties.toString()));
            ChildProcess process = ChildProcess.start(quorum.processName(), command, Map.of(), directory,
                    directory.resolve("console.log"), pidFile(directory), true);
            return new KafkaBroker("127.0.0.1:" + clientPort, process, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Kafka broker in " + directory, e);
        }
    }

    /**
     * Waits until a broker started here answers; if it does not, stops it and throws with the end of its logs.
     */
    void awaitStarted() {
        try {
            awaitReady(bootstrapServers, process, READY_TIMEOUT);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(e.getMessage() + "\n--- " + dataDirectory.resolve("logs/broker.log")
                    + " (tail) ---\n" + ChildProcess.tail(dataDirectory.resolve("logs/broker.log"), 30)
                    + "\n--- console.log (tail) ---\n" + process.logTail(20), e);
        }
    }

    /** SIGKILL, as a crash would: nothing is flushed, no controlled shutdown moves its partition leaders first. */
    void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /**
     * Stops a broker that an earlier, killed run left running on {@code dataDirectory}.
     *
     * @return true if there was one
     */
    public static boolean stopLeftover(Path dataDirectory) {
        return ChildProcess.stopLeftover(pidFile(dataDirectory), MAIN_CLASS, STOP_GRACE);
    }

    /** @return {@code host:port[,host:port]} for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return true if this broker was started here (and {@link #close()} stops it) */
    public boolean isStartedHere() {
        return process != null;
    }

    /** @return the data directory of a broker started here */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** @return true while a broker started here runs (always true for a configured one) */
    public boolean isRunning() {
        return process == null || process.isAlive();
    }

    /**
     * Stops a broker started here: SIGTERM (a controlled shutdown that flushes and closes its logs),
     * then a kill if it has not ended after 30 s. A configured broker is left alone.
     */
    @Override
    public void close() {
        stop(STOP_GRACE);
    }

    /** Stops a broker started here: SIGTERM, then a kill if it has not ended after {@code grace}. */
    void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        long stoppingAt = System.nanoTime();
        boolean clean = process.stop(grace);
        LOG.log(Level.INFO, "Kafka broker at {0} stopped {1}in {2} ms", bootstrapServers,
                clean ? "" : "(killed) ", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    /**
     * @return where the broker's jars are: {@code ecoplan.kafka.libs} / {@code ECOPLAN_KAFKA_LIBS},
     *         else the path the build wrote into {@code ecoplan-infrastructure.properties}
     */
    public static Path libsDirectory() {
        Path libs = Settings.lookup(LIBS_PROPERTY, LIBS_VARIABLE).map(Path::of)
                .orElseGet(KafkaBroker::builtLibsDirectory).toAbsolutePath().normalize();
        try (var jars = Files.list(libs)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw new IllegalStateException("No kafka_2.13 jar in " + libs);
            }
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("The Kafka broker's jars are missing in " + libs
                    + ". Build them with: mvn -B -q -f deploy/kafka-broker/pom.xml package"
                    + " (or point " + LIBS_VARIABLE + " at a folder with kafka_2.13 and its dependencies)", e);
        }
        return libs;
    }

    private static Path builtLibsDirectory() {
        Properties properties = new Properties();
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/ecoplan-infrastructure.properties")) {
            if (in == null) {
                throw new IllegalStateException("ecoplan-infrastructure.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(properties.getProperty("kafka.libs"));
    }

    private static Path pidFile(Path dataDirectory) {
        return dataDirectory.resolve("broker.pid");
    }

    private static void requireFree(int port) {
        if (FreePort.isListening(port)) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is already in use; cannot start Kafka there");
        }
    }

    private static List<String> javaCommand(Path libs, Path directory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"));
        command.add("-Djava.io.tmpdir=" + directory.resolve("tmp"));
        command.add("-cp");
        command.add(libs + "/*");
        return command;
    }

    private static void format(List<String> java, Path serverProperties, Path directory, Quorum quorum)
            throws IOException {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("kafka.tools.StorageTool", "format"));
        if (quorum.voters().isEmpty()) {
            // Its own one-voter quorum (a dynamic quorum of one).
            command.addAll(List.of("--standalone", "-t", Uuid.randomUuid().toString()));
        } else {
            // A static quorum (controller.quorum.voters): every node formatted with the cluster's one id.
            command.addAll(List.of("-t", quorum.clusterId()));
        }
        command.addAll(List.of("-c", serverProperties.toString()));
        Path log = directory.resolve("logs").resolve("format.log");
        Process format = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!format.waitFor(2, TimeUnit.MINUTES)) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage timed out; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            format.destroyForcibly();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed:\n" + ChildProcess.tail(log, 20));
        }
    }

    private static void awaitReady(String bootstrapServers, ChildProcess process, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ecoplan-readiness-check");
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException("The Kafka broker exited with code "
                            + process.exitCode().orElse(-1) + " before it was ready");
                }
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                    sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                }
            }
        }
        throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout,
                lastFailure);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String serverProperties(Path directory, int port, int controllerPort, Quorum quorum) {
        String replicas = Integer.toString(quorum.replicationFactor());
        String minInsync = Integer.toString(quorum.minInsyncReplicas());
        return String.join("\n",
                "# Written by org.ecoplan.infrastructure.KafkaBroker on every start.",
                "process.roles=broker,controller",
                "node.id=" + quorum.nodeId(),
                quorum.voters().isEmpty() ? "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort
                        : "controller.quorum.voters=" + quorum.votersProperty(),
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                quorum.voters().isEmpty() ? "# One node: every internal topic has one replica."
                        : "# A cluster: every topic (ours and the internal ones) on " + replicas + " brokers, "
                                + minInsync + " of them in sync before an acks=all write counts.",
                "num.partitions=3",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInsync,
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInsync,
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minInsync,
                "auto.create.topics.enable=true",
                "# Tests join consumer groups often: do not wait for more members.",
                "group.initial.rebalance.delay.ms=0",
                "# Small footprint: few threads, a small compaction buffer (default 128 MB).",
                "num.network.threads=2",
                "num.io.threads=4",
                "background.threads=4",
                "num.recovery.threads.per.data.dir=1",
                "log.cleaner.threads=1",
                "log.cleaner.dedupe.buffer.size=8388608",
                "# Retention is judged every second (Kafka: 5 minutes), so that a test sees records whose timestamps",
                "# lie beyond a topic's retention.ms deleted at once (RollupReplayBeyondRetentionTest). It only reads",
                "# segment metadata.",
                "log.retention.check.interval.ms=1000",
                "");
    }

    private static String log4jProperties(Path logs) {
        String file = logs.resolve("broker.log").toString().replace("\\", "/");
        return String.join("\n",
                "# Written by org.ecoplan.infrastructure.KafkaBroker on every start.",
                "appender.file.type=RollingFile",
                "appender.file.name=file",
                "appender.file.fileName=" + file,
                "appender.file.filePattern=" + file + ".%i",
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "appender.file.policies.type=Policies",
                "appender.file.policies.size.type=SizeBasedTriggeringPolicy",
                "appender.file.policies.size.size=10MB",
                "appender.file.strategy.type=DefaultRolloverStrategy",
                "appender.file.strategy.max=3",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "logger.statechange.name=state.change.logger",
                "logger.statechange.level=WARN",
                "logger.request.name=kafka.request.logger",
                "logger.request.level=WARN",
                "");
    }

    /**
     * How a started broker forms its KRaft quorum: alone ({@link #STANDALONE}), or as node {@code nodeId} of a
     * {@link KafkaCluster} whose voters are fixed (node id to controller port), with the topics' replication.
     */
    record Quorum(int nodeId, Map<Integer, Integer> voters, String clusterId, int replicationFactor,
            int minInsyncReplicas) {

        static final Quorum STANDALONE = new Quorum(1, Map.of(), null, 1, 1);

        String votersProperty() {
            return voters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(voter -> voter.getKey() + "@127.0.0.1:" + voter.getValue())
                    .collect(java.util.stream.Collectors.joining(","));
        }

        String processName() {
            return voters.isEmpty() ? "kafka-broker" : "kafka-" + nodeId;
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers + (process != null ? ", started here" : ", configured") + "]";
    }
}
