package org.ecoplan.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ecoplan.infrastructure.Settings;

import sun.misc.Signal;

/**
 * Runs EcoPlan on this machine: PostgreSQL, a Kafka broker and the four services, with all data in
 * {@code .ecoplan/} (see {@link LocalFolders}) so that the next start finds everything again.
 * Normally started by {@code deploy/run-local.sh}; {@code --infrastructure-only} starts PostgreSQL
 * and Kafka alone (for running one service with {@code mvn quarkus:dev}). {@code --cluster} starts the shape of a
 * city deployment instead: a Kafka cluster of three KRaft nodes (replication 3, min ISR 2) and two replicas of each
 * service, with its data in {@code .ecoplan/cluster/}.
 *
 * <p>Ctrl-C (SIGINT), SIGTERM or SIGHUP stop the services first, then Kafka, then PostgreSQL. The
 * children run in sessions of their own, so the terminal's Ctrl-C reaches only this process, and
 * each child ends by itself within a second if this process is killed outright; pid files in
 * {@code .ecoplan/run} let the next start stop anything that still survived.
 */
public final class LocalStack {

    /** Issuer of local tokens ({@link MintToken}) and {@code mp.jwt.verify.issuer} of the local services. */
    public static final String ISSUER = EcoPlanStack.ISSUER;
    static final String POSTGRES_PORT_VARIABLE = "ECOPLAN_POSTGRES_PORT";
    static final String KAFKA_PORT_VARIABLE = "ECOPLAN_KAFKA_PORT";
    static final String SERVICE_JAVA_OPTIONS_VARIABLE = "ECOPLAN_SERVICE_JAVA_OPTS";
    static final String HTTP_HOST_VARIABLE = "ECOPLAN_HTTP_HOST";
    /** {@code --cluster}: Kafka nodes and replicas per service. */
    static final int CLUSTER_KAFKA_NODES = 3;
    static final int CLUSTER_REPLICAS = 2;

    private static final PrintStream OUT = System.out;

    private final LocalFolders folders;
    private final EcoPlanStack stack;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch startupFinished = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    LocalStack(LocalFolders folders, boolean cluster) {
        this.folders = folders;
        int kafkaPort = port(KAFKA_PORT_VARIABLE, 19092);
        EcoPlanStack.Builder builder = EcoPlanStack.builder(folders)
                .kafkaNodes(cluster ? CLUSTER_KAFKA_NODES : 1)
                .replicas(cluster ? CLUSTER_REPLICAS : 1)
                .useConfiguredInfrastructure(true)
                .postgresPort(port(POSTGRES_PORT_VARIABLE, 15432))
                .kafkaPorts(kafkaPort, kafkaPort + 1)
                .httpHost(Settings.lookup(HTTP_HOST_VARIABLE).orElse("127.0.0.1"))
                .jvmOptions(Settings.lookup(SERVICE_JAVA_OPTIONS_VARIABLE)
                        .map(options -> List.of(options.trim().split("\\s+"))).orElse(EcoPlanStack.SERVICE_JVM_OPTIONS))
                .progress(OUT);
        for (LocalService service : LocalService.values()) {
            builder.servicePort(service, service.port());
        }
        this.stack = builder.build();
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            OUT.println("Usage: deploy/run-local.sh [--cluster] [--infrastructure-only]   (see README, \"Local run\")");
            return;
        }
        boolean cluster = arguments.contains("--cluster");
        LocalFolders folders = LocalFolders.fromSystem();
        if (cluster) {
            // Its own data: a single broker's topics and offsets do not move into a cluster.
            folders = new LocalFolders(folders.root(), folders.home().resolve("cluster"));
        }
        LauncherLogging.toFile(folders.log("launcher"));
        System.exit(new LocalStack(folders, cluster).run(arguments.contains("--infrastructure-only")));
    }

    /** @return the process exit code: 0 after a requested stop, 1 if starting failed */
    int run(boolean infrastructureOnly) {
        try {
            claimRunFolder();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        for (String signal : List.of("INT", "TERM", "HUP")) {
            Signal.handle(new Signal(signal), received -> shutdown());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "ecoplan-local-stop"));
        try {
            start(infrastructureOnly);
        } catch (EcoPlanStack.Closed e) {
            // A signal arrived while starting; shutdown() does the rest.
        } catch (RuntimeException | Error e) {
            System.err.println();
            System.err.println("EcoPlan could not start: " + e.getMessage());
            System.err.println("Details: " + folders.log("launcher"));
            java.util.logging.Logger.getLogger(LocalStack.class.getName())
                    .log(java.util.logging.Level.SEVERE, "Start failed", e);
            startupFinished.countDown();
            shutdown();
            return 1;
        } finally {
            startupFinished.countDown();
        }
        watchServicesUntilStopped();
        return 0;
    }

    private void start(boolean infrastructureOnly) {
        long startedAt = System.nanoTime();
        OUT.println("Starting EcoPlan (data in " + folders.home() + ")");
        if (!infrastructureOnly) {
            stack.requireServiceJars();
        }
        stack.startInfrastructure();
        if (infrastructureOnly) {
            printInfrastructure();
            OUT.printf("EcoPlan infrastructure is ready (%.1f s). Press Ctrl-C to stop.%n", seconds(startedAt));
            return;
        }
        stack.startServices();
        stack.awaitServicesReady();
        OUT.printf("EcoPlan is ready (%.1f s): mint a token with ./deploy/token.sh admin; "
                + "logs in %s. Press Ctrl-C to stop.%n", seconds(startedAt), folders.logs());
    }

    private void watchServicesUntilStopped() {
        List<ServiceProcess> reported = new ArrayList<>();
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (stopping.get()) {
                    continue;
                }
                for (ServiceProcess instance : stack.instances()) {
                    if (!instance.isAlive() && !reported.contains(instance)) {
                        reported.add(instance);
                        System.err.println(instance.name() + " stopped unexpectedly (exit code "
                                + instance.exitCode().orElse(-1) + "); see " + instance.logFile());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Services first, then Kafka, then PostgreSQL; safe to call from several threads at once. */
    private void shutdown() {
        if (stopping.getAndSet(true)) {
            awaitQuietly(stopped, Duration.ofMinutes(2));
            return;
        }
        OUT.println();
        OUT.println("Stopping EcoPlan ...");
        // A start under way gives up at its next step; once it has, everything it started is stopped.
        stack.cancelStart();
        awaitQuietly(startupFinished, Duration.ofMinutes(2));
        stack.close();
        try {
            Files.deleteIfExists(folders.pidFile("launcher"));
        } catch (IOException e) {
            // The next start checks whether that pid is still alive.
        }
        OUT.println("EcoPlan stopped.");
        stopped.countDown();
    }

    /** Refuses to start twice on the same folder. */
    private void claimRunFolder() {
        Path pidFile = folders.pidFile("launcher");
        try {
            Files.createDirectories(folders.run());
            Files.createDirectories(folders.tmp());
            Optional<ProcessHandle> running = readPid(pidFile).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().commandLine().orElse("").contains("ecoplan-launcher"));
            if (running.isPresent()) {
                throw new IllegalStateException("EcoPlan is already running from " + folders.home() + " (launcher pid "
                        + running.get().pid() + "); stop it with Ctrl-C in its terminal or: kill " + running.get().pid());
            }
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pidFile, e);
        }
    }

    private void printInfrastructure() {
        OUT.println("  Databases   " + Arrays.stream(LocalService.values())
                .map(service -> stack.postgres().jdbcUrl(service.database())).toList());
        OUT.println("  User        " + stack.postgres().user() + " (password " + stack.postgres().password() + ")");
        OUT.println("  Public key  " + stack.publicKey() + " (issuer " + ISSUER + ")");
    }

    private static int port(String variable, int defaultPort) {
        String value = Settings.lookup(variable).orElse(Integer.toString(defaultPort));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, not " + value, e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
