package org.ecoplan.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.ecoplan.infrastructure.FreePort;
import org.ecoplan.infrastructure.KafkaBroker;
import org.ecoplan.infrastructure.KafkaCluster;
import org.ecoplan.infrastructure.PostgresServer;
import org.ecoplan.infrastructure.token.SigningKeys;
import org.ecoplan.infrastructure.token.TokenMinter;

/**
 * EcoPlan as a user starts it: PostgreSQL, a Kafka broker and the four packaged services, each service in a JVM
 * of its own with the local run's small JVM options, the seed plan loaded by plan-service on its first start.
 * The local run ({@link LocalStack}) and the system tests ({@code deploy/system-tests}) both start EcoPlan
 * through this class, so what the tests prove is how the product is started.
 *
 * <p>Besides starting and stopping, it injects the faults an operator meets: an instance killed (SIGKILL) and
 * started again ({@link ServiceProcess}), the broker stopped and started, PostgreSQL restarted (fast shutdown,
 * then a start on the same data). Ports are fixed for the stack's lifetime, so everything comes back where the
 * services expect it. A service may run as several replicas ({@link Builder#replicas(int)}), each on its own
 * port, against the same database and consumer groups, and Kafka as a cluster of several KRaft nodes
 * ({@link Builder#kafkaNodes(int)}: replication 3, min ISR 2 for three), one of which can be killed and started again.
 *
 * <p>{@link #close()} may be called from another thread (a signal) while a start is under way: the start then
 * ends with {@link Closed} and everything started so far is stopped.
 */
public final class EcoPlanStack implements AutoCloseable {

    /** Issuer of this stack's tokens and {@code mp.jwt.verify.issuer} of its services. */
    public static final String ISSUER = "ecoplan-local";

    /**
     * A small footprint per service (aiming below 300 MB resident): a bounded heap, the serial collector, and C1
     * only (a local run needs a fast start more than peak throughput). The options are the parent POM's
     * {@code service.jvm-options}, which the container images run with too.
     */
    public static final List<String> SERVICE_JVM_OPTIONS = serviceJvmOptions();

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    /** Replica {@code r} of a service on a configured port {@code p} listens on {@code p + 10 (r - 1)}. */
    public static final int REPLICA_PORT_STEP = 10;

    private final LocalFolders folders;
    private final boolean useConfiguredInfrastructure;
    private final int postgresPort;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final Map<LocalService, Integer> servicePorts;
    private final int replicas;
    private final int kafkaNodes;
    private final List<String> jvmOptions;
    private final String httpHost;
    private final Map<LocalService, Map<String, String>> environment;
    private final PrintStream progress;
    private final Duration readyTimeout;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final Map<LocalService, List<ServiceProcess>> services = new EnumMap<>(LocalService.class);
    private final Object infrastructureLock = new Object();
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    /** Instead of {@link #kafka} when the stack runs several Kafka nodes. */
    private volatile KafkaCluster kafkaCluster;
    private volatile KeyPair signingKeys;

    private EcoPlanStack(Builder builder) {
        this.folders = builder.folders;
        this.useConfiguredInfrastructure = builder.useConfiguredInfrastructure;
        // Picked once: a restarted PostgreSQL or broker must come back where the services look for it.
        this.postgresPort = FreePort.orPick(builder.postgresPort);
        this.kafkaPort = FreePort.orPick(builder.kafkaPort);
        this.kafkaControllerPort = FreePort.orPick(builder.kafkaControllerPort);
        this.servicePorts = new EnumMap<>(builder.servicePorts);
        this.replicas = builder.replicas;
        this.kafkaNodes = builder.kafkaNodes;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.httpHost = builder.httpHost;
        this.environment = new EnumMap<>(LocalService.class);
        builder.environment.forEach((service, values) -> this.environment.put(service, Map.copyOf(values)));
        this.progress = builder.progress;
        this.readyTimeout = builder.readyTimeout;
    }

    public static Builder builder(LocalFolders folders) {
        return new Builder(folders);
    }

    /** Infrastructure, services, and the wait until every instance answers ready. */
    public void start() {
        requireServiceJars();
        startInfrastructure();
        startServices();
        awaitServicesReady();
    }

    /**
     * PostgreSQL and Kafka (in parallel), the four databases, the JWT key pair. With
     * {@link Builder#useConfiguredInfrastructure(boolean)} a server named by {@code ECOPLAN_POSTGRES_URL} or a
     * broker named by {@code ECOPLAN_KAFKA_BOOTSTRAP_SERVERS} is used instead of starting one.
     */
    public void startInfrastructure() {
        long startedAt = System.nanoTime();
        // A broker named in the environment wins, whatever its shape.
        if (kafkaNodes > 1 && !(useConfiguredInfrastructure
                && org.ecoplan.infrastructure.Settings.lookup(KafkaBroker.BOOTSTRAP_SERVERS_VARIABLE).isPresent())) {
            startInfrastructureWithCluster(startedAt);
            return;
        }
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> useConfiguredInfrastructure
                ? KafkaBroker.configuredOrStart(folders.kafka(), kafkaPort, kafkaControllerPort)
                : KafkaBroker.start(folders.kafka(), kafkaPort, kafkaControllerPort));
        startPostgresWhile(broker, started -> kafka = started, startedAt);
        progress.printf("  Kafka       %-45s %s%n", kafka.bootstrapServers(),
                kafka.isStartedHere() ? String.format("started (%.1f s)", seconds(startedAt)) : "configured");
        prepareDatabasesAndKeys();
    }

    /** PostgreSQL and a Kafka cluster of {@link Builder#kafkaNodes(int)} nodes (in parallel), the databases, the keys. */
    private void startInfrastructureWithCluster(long startedAt) {
        CompletableFuture<KafkaCluster> cluster = CompletableFuture.supplyAsync(() -> KafkaCluster.start(kafkaClusterFolder(),
                kafkaPort == 0 ? KafkaCluster.anyPorts(kafkaNodes) : KafkaCluster.consecutivePorts(kafkaPort, kafkaNodes)));
        startPostgresWhile(cluster, started -> kafkaCluster = started, startedAt);
        progress.printf("  Kafka       %-45s %s%n", kafkaCluster.bootstrapServers(), String.format(
                "%d nodes started (%.1f s)", kafkaCluster.size(), seconds(startedAt)));
        prepareDatabasesAndKeys();
    }

    /**
     * Starts (or connects to) PostgreSQL while Kafka starts in {@code kafkaStarting}, then keeps what Kafka became
     * ({@code keep}, under the infrastructure lock) even if PostgreSQL failed, so that close() stops it.
     */
    private <K> void startPostgresWhile(CompletableFuture<K> kafkaStarting, Consumer<K> keep, long startedAt) {
        try {
            PostgresServer server = useConfiguredInfrastructure
                    ? PostgresServer.configuredOrStart(folders.postgres(), postgresPort, folders.log("postgres"))
                    : PostgresServer.start(folders.postgres(), postgresPort, folders.log("postgres"));
            synchronized (infrastructureLock) {
                postgres = server;
            }
            progress.printf("  PostgreSQL  %-45s %s%n", postgres.adminJdbcUrl(),
                    postgres.isStartedHere() ? String.format("started (%.1f s)", seconds(startedAt)) : "configured");
        } finally {
            try {
                K started = kafkaStarting.join();
                synchronized (infrastructureLock) {
                    keep.accept(started);
                }
            } catch (RuntimeException e) {
                if (postgres != null) {
                    throw e;
                }
            }
        }
    }

    private void prepareDatabasesAndKeys() {
        checkNotClosing();
        for (LocalService service : LocalService.values()) {
            postgres.createDatabaseIfMissing(service.database());
        }
        signingKeys = SigningKeys.loadOrCreate(folders.keys());
    }

    /** The cluster's nodes live beside the single broker's folder, so one data folder can hold either shape. */
    private java.nio.file.Path kafkaClusterFolder() {
        return folders.kafka().resolveSibling("kafka-cluster");
    }

    /** Starts every instance of every service; does not wait for them (see {@link #awaitServicesReady()}). */
    public void startServices() {
        requireServiceJars();
        if (postgres == null || (kafka == null && kafkaCluster == null)) {
            throw new IllegalStateException("Start the infrastructure first");
        }
        for (LocalService service : LocalService.values()) {
            for (int replica = 1; replica <= replicas; replica++) {
                checkNotClosing();
                ServiceProcess instance = instance(service, replica);
                synchronized (services) {
                    checkNotClosing();
                    services.computeIfAbsent(service, any -> new ArrayList<>()).add(instance);
                    instance.start();
                }
            }
        }
    }

    /** Waits until every instance answers ready, printing each as it does. */
    public void awaitServicesReady() {
        long startedAt = System.nanoTime();
        long deadline = startedAt + readyTimeout.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(instances());
        while (!waiting.isEmpty()) {
            checkNotClosing();
            for (ServiceProcess instance : List.copyOf(waiting)) {
                if (!instance.isAlive()) {
                    throw new IllegalStateException(instance.name() + " exited (code " + instance.exitCode().orElse(-1)
                            + ") while starting. Last lines of " + instance.logFile() + ":\n" + instance.logTail(25));
                }
                if (instance.isReady()) {
                    waiting.remove(instance);
                    progress.printf("  %-21s http://localhost:%d/q/swagger-ui   ready (%.1f s)%n", instance.name(),
                            instance.port(), seconds(startedAt));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready after " + readyTimeout.toSeconds() + " s: " + waiting
                        + "; see their logs in " + folders.logs());
            }
            sleep(500);
        }
    }

    /** @return every instance of every service, in service order */
    public List<ServiceProcess> instances() {
        synchronized (services) {
            return services.values().stream().flatMap(List::stream).toList();
        }
    }

    /** @return the instances of one service (one per replica) */
    public List<ServiceProcess> instances(LocalService service) {
        synchronized (services) {
            return List.copyOf(services.getOrDefault(service, List.of()));
        }
    }

    /** @return the first instance of {@code service} */
    public ServiceProcess instance(LocalService service) {
        List<ServiceProcess> running = instances(service);
        if (running.isEmpty()) {
            throw new IllegalStateException(service.serviceName() + " was not started");
        }
        return running.get(0);
    }

    /** @return replica {@code replica} (1-based) of {@code service}, e.g. to kill it (SIGKILL) and start it again */
    public ServiceProcess replica(LocalService service, int replica) {
        List<ServiceProcess> running = instances(service);
        if (replica < 1 || replica > running.size()) {
            throw new IllegalArgumentException(service.serviceName() + " has " + running.size() + " replicas, not " + replica);
        }
        return running.get(replica - 1);
    }

    /** Stops the broker (a controlled shutdown); the services keep running and wait for it. */
    public void stopKafka() {
        if (kafkaCluster != null) {
            kafkaCluster.stopAll();
            return;
        }
        requireStartedHere(kafka, "Kafka");
        kafka.close();
    }

    /** Starts the broker again on the same ports and data; waits until it answers. */
    public void startKafka() {
        if (kafkaCluster != null) {
            checkNotClosing();
            kafkaCluster.startAll();
            return;
        }
        requireStartedHere(kafka, "Kafka");
        if (kafka.isRunning()) {
            throw new IllegalStateException("Kafka is running");
        }
        checkNotClosing();
        KafkaBroker started = KafkaBroker.start(folders.kafka(), kafkaPort, kafkaControllerPort);
        synchronized (infrastructureLock) {
            kafka = started;
        }
    }

    /** @return the Kafka cluster, when the stack runs several nodes ({@link Builder#kafkaNodes(int)}) */
    public java.util.Optional<KafkaCluster> kafkaCluster() {
        return java.util.Optional.ofNullable(kafkaCluster);
    }

    /** SIGKILL Kafka node {@code node} (1-based) of the cluster; the others go on. */
    public void killKafkaNode(int node) {
        requireCluster().kill(node);
    }

    /** Starts Kafka node {@code node} again on its data and ports. @return how long until it answered */
    public Duration startKafkaNode(int node) {
        checkNotClosing();
        return requireCluster().start(node);
    }

    private KafkaCluster requireCluster() {
        if (kafkaCluster == null) {
            throw new IllegalStateException("This stack runs no Kafka cluster of its own (kafkaNodes is " + kafkaNodes + ")");
        }
        return kafkaCluster;
    }

    /**
     * Restarts PostgreSQL as an operator does: a fast shutdown (sessions end, a checkpoint is written), then a start
     * on the same data and port. The services' connections break and must be opened again.
     *
     * @return how long PostgreSQL was away
     */
    public Duration restartPostgres() {
        requireStartedHere(postgres, "PostgreSQL");
        long stoppingAt = System.nanoTime();
        postgres.close();
        checkNotClosing();
        PostgresServer started = PostgresServer.start(folders.postgres(), postgresPort, folders.log("postgres"));
        synchronized (infrastructureLock) {
            postgres = started;
        }
        return Duration.ofNanos(System.nanoTime() - stoppingAt);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** @return {@code bootstrap.servers} of the broker (stable across its restarts) */
    public String kafkaBootstrapServers() {
        return kafkaCluster != null ? kafkaCluster.bootstrapServers() : kafka.bootstrapServers();
    }

    public LocalFolders folders() {
        return folders;
    }

    /** @return the public key file the services verify tokens with */
    public Path publicKey() {
        return folders.keys().resolve(SigningKeys.PUBLIC_KEY_FILE);
    }

    /** @return a token (without "Bearer ") that this stack's services accept, valid for 8 h */
    public String token(String role, String departmentCode, String subject) {
        KeyPair keys = signingKeys != null ? signingKeys : SigningKeys.loadOrCreate(folders.keys());
        return new TokenMinter(ISSUER, keys.getPrivate()).mint(Set.of(role), departmentCode, subject, TOKEN_LIFETIME);
    }

    /** @throws IllegalStateException naming what is missing when a service has not been packaged */
    public void requireServiceJars() {
        List<String> missing = Arrays.stream(LocalService.values())
                .filter(service -> !Files.isRegularFile(service.jar(folders.root())))
                .map(service -> service.jar(folders.root()).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built yet: " + String.join(", ", missing)
                    + ". Build them with: mvn -B -q -DskipTests package (./deploy/run-local.sh does that first)");
        }
    }

    /**
     * Makes a start under way (in another thread) give up at its next step with {@link Closed}; call
     * {@link #close()} once it has, to stop what it started.
     */
    public void cancelStart() {
        closing.set(true);
    }

    /** Services first (SIGTERM, in parallel), then Kafka, then PostgreSQL; safe to call more than once. */
    @Override
    public void close() {
        closing.set(true);
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        synchronized (services) {
            services.values().stream().flatMap(List::stream).forEach(instance ->
                    stopping.add(CompletableFuture.runAsync(() -> instance.stop(SERVICE_STOP_GRACE))));
        }
        stopping.forEach(CompletableFuture::join);
        synchronized (infrastructureLock) {
            if (kafka != null) {
                kafka.close();
            }
            if (kafkaCluster != null) {
                kafkaCluster.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private ServiceProcess instance(LocalService service, int replica) {
        // The first replica gets the configured port, further ones the next tens (8081, 8091, 8101 …), so that a
        // local run's replicas are where the README says; port 0 = any free port for each.
        int configured = servicePorts.getOrDefault(service, 0);
        int port = configured == 0 ? FreePort.pick() : configured + REPLICA_PORT_STEP * (replica - 1);
        String name = ServiceProcess.instanceName(service, replica);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        variables.put("QUARKUS_HTTP_HOST", httpHost);
        variables.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
        variables.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        variables.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        variables.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        variables.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey().toString());
        variables.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        variables.putAll(service.extraEnvironment(folders));
        variables.putAll(environment.getOrDefault(service, Map.of()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + folders.tmp());
        command.add("-jar");
        command.add(service.jar(folders.root()).toString());
        return new ServiceProcess(service, replica, port, command, variables, folders.root(), folders.log(name),
                folders.pidFile(name));
    }

    private static List<String> serviceJvmOptions() {
        try (var in = EcoPlanStack.class.getResourceAsStream("service-jvm-options")) {
            if (in == null) {
                throw new IllegalStateException("service-jvm-options is missing from the launcher's jar");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(","))
                    .map(String::trim).filter(option -> !option.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkNotClosing() {
        if (closing.get()) {
            throw new Closed();
        }
    }

    private static void requireStartedHere(Object server, String what) {
        boolean startedHere = server instanceof KafkaBroker broker ? broker.isStartedHere()
                : server instanceof PostgresServer database && database.isStartedHere();
        if (!startedHere) {
            throw new IllegalStateException(what + " was not started by this stack; it cannot be stopped or restarted here");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Closed();
        }
    }

    /** Thrown by a start step when {@link #close()} was called meanwhile. */
    public static final class Closed extends RuntimeException {
        Closed() {
            super("the stack is closing", null, false, false);
        }
    }

    /** How to start a stack; every setting has the system tests' default (free ports, one replica). */
    public static final class Builder {

        private final LocalFolders folders;
        private boolean useConfiguredInfrastructure;
        private int postgresPort;
        private int kafkaPort;
        private int kafkaControllerPort;
        private final Map<LocalService, Integer> servicePorts = new EnumMap<>(LocalService.class);
        private int replicas = 1;
        private int kafkaNodes = 1;
        private List<String> jvmOptions = SERVICE_JVM_OPTIONS;
        private String httpHost = "127.0.0.1";
        private final Map<LocalService, Map<String, String>> environment = new EnumMap<>(LocalService.class);
        private PrintStream progress = System.out;
        private Duration readyTimeout = Duration.ofMinutes(3);

        private Builder(LocalFolders folders) {
            this.folders = Objects.requireNonNull(folders, "folders");
        }

        /** Use a PostgreSQL or broker named in the environment instead of starting one (the local run does). */
        public Builder useConfiguredInfrastructure(boolean use) {
            this.useConfiguredInfrastructure = use;
            return this;
        }

        /** @param port 0 = any free port (the default) */
        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        /** @param port the client listener, 0 = any free port; @param controllerPort the KRaft controller's */
        public Builder kafkaPorts(int port, int controllerPort) {
            this.kafkaPort = port;
            this.kafkaControllerPort = controllerPort;
            return this;
        }

        /** @param port the first replica's port, 0 = any free port (the default); further replicas take free ports */
        public Builder servicePort(LocalService service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** Instances per service (default 1), sharing the service's database and consumer groups. */
        public Builder replicas(int replicas) {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1");
            }
            this.replicas = replicas;
            return this;
        }

        /**
         * Kafka nodes (default 1, a single broker). With 3, a cluster of three KRaft nodes (each broker and
         * controller) whose topics have replication factor 3 and min ISR 2; its client ports are the Kafka port and
         * the following even ports (controllers on the odd ones between), or free ports when the Kafka port is 0.
         */
        public Builder kafkaNodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("kafkaNodes must be at least 1");
            }
            this.kafkaNodes = nodes;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        public Builder httpHost(String host) {
            this.httpHost = host;
            return this;
        }

        /** An environment variable for every instance of {@code service}, e.g. {@code ECOPLAN_WEBHOOKS_ALLOWED_NETWORKS}. */
        public Builder environment(LocalService service, String name, String value) {
            environment.computeIfAbsent(service, any -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** Where the progress lines (started, ready) go; the local run's terminal, the tests' output. */
        public Builder progress(PrintStream out) {
            this.progress = out;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public EcoPlanStack build() {
            return new EcoPlanStack(this);
        }
    }
}
