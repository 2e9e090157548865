package org.ecoplan.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ecoplan.infrastructure.ChildProcess;
import org.ecoplan.infrastructure.FreePort;
import org.ecoplan.infrastructure.KafkaBroker;
import org.ecoplan.infrastructure.PostgresServer;
import org.ecoplan.infrastructure.Settings;
import org.ecoplan.infrastructure.token.SigningKeys;

import sun.misc.Signal;

/**
 * Runs EcoPlan on this machine: PostgreSQL, a Kafka broker and the four services, with all data in
 * {@code .ecoplan/} (see {@link LocalFolders}) so that the next start finds everything again.
 * Normally started by {@code deploy/run-local.sh}; {@code --infrastructure-only} starts PostgreSQL
 * and Kafka alone (for running one service with {@code mvn quarkus:dev}).
 *
 * <p>Ctrl-C (SIGINT), SIGTERM or SIGHUP stop the services first, then Kafka, then PostgreSQL. The
 * children run in sessions of their own, so the terminal's Ctrl-C reaches only this process, and
 * each child ends by itself within a second if this process is killed outright; pid files in
 * {@code .ecoplan/run} let the next start stop anything that still survived.
 */
public final class LocalStack {

    /** Issuer of local tokens ({@link MintToken}) and {@code mp.jwt.verify.issuer} of the local services. */
    public static final String ISSUER = "ecoplan-local";
    static final String POSTGRES_PORT_VARIABLE = "ECOPLAN_POSTGRES_PORT";
    static final String KAFKA_PORT_VARIABLE = "ECOPLAN_KAFKA_PORT";
    static final String SERVICE_JAVA_OPTIONS_VARIABLE = "ECOPLAN_SERVICE_JAVA_OPTS";
    static final String HTTP_HOST_VARIABLE = "ECOPLAN_HTTP_HOST";

    /**
     * A small footprint per service (aiming below 300 MB resident): a bounded heap, the serial
     * collector, and C1 only (a local run needs a fast start more than peak throughput). The options
     * are the parent POM's {@code service.jvm-options}, which the container images run with too.
     */
    static final List<String> SERVICE_JVM_OPTIONS = serviceJvmOptions();
    private static final String SERVICE_MARKER = "quarkus-run.jar";
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final PrintStream OUT = System.out;

    private final LocalFolders folders;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch startupFinished = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<LocalService, ChildProcess> services = new EnumMap<>(LocalService.class);
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;

    LocalStack(LocalFolders folders) {
        this.folders = folders;
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            OUT.println("Usage: deploy/run-local.sh [--infrastructure-only]   (see README, \"Local run\")");
            return;
        }
        LocalFolders folders = LocalFolders.fromSystem();
        LauncherLogging.toFile(folders.log("launcher"));
        System.exit(new LocalStack(folders).run(arguments.contains("--infrastructure-only")));
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
        } catch (StopRequested e) {
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
            requireServiceJars();
        }
        for (LocalService service : LocalService.values()) {
            ChildProcess.stopLeftover(folders.pidFile(service.serviceName()), SERVICE_MARKER, SERVICE_STOP_GRACE);
        }
        startInfrastructure();
        for (LocalService service : LocalService.values()) {
            postgres.createDatabaseIfMissing(service.database());
        }
        Path publicKey = folders.keys().resolve(SigningKeys.PUBLIC_KEY_FILE);
        SigningKeys.loadOrCreate(folders.keys());
        if (infrastructureOnly) {
            printInfrastructure(publicKey);
            OUT.printf("EcoPlan infrastructure is ready (%.1f s). Press Ctrl-C to stop.%n", seconds(startedAt));
            return;
        }
        startServices(publicKey);
        awaitServicesReady();
        OUT.printf("EcoPlan is ready (%.1f s): mint a token with ./deploy/token.sh admin; "
                + "logs in %s. Press Ctrl-C to stop.%n", seconds(startedAt), folders.logs());
    }

    private void startInfrastructure() {
        int postgresPort = port(POSTGRES_PORT_VARIABLE, 15432);
        int kafkaPort = port(KAFKA_PORT_VARIABLE, 19092);
        long startedAt = System.nanoTime();
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(
                () -> KafkaBroker.configuredOrStart(folders.kafka(), kafkaPort, kafkaPort + 1));
        try {
            postgres = PostgresServer.configuredOrStart(folders.postgres(), postgresPort, folders.log("postgres"));
            OUT.printf("  PostgreSQL  %-45s %s%n", postgres.adminJdbcUrl(),
                    postgres.isStartedHere() ? String.format("started (%.1f s)", seconds(startedAt)) : "configured");
        } finally {
            // Keep the broker even if PostgreSQL failed, so that shutdown() stops it.
            try {
                kafka = broker.join();
            } catch (RuntimeException e) {
                if (postgres != null) {
                    throw e;
                }
            }
        }
        OUT.printf("  Kafka       %-45s %s%n", kafka.bootstrapServers(),
                kafka.isStartedHere() ? String.format("started (%.1f s)", seconds(startedAt)) : "configured");
        checkNotStopping();
    }

    private static List<String> serviceJvmOptions() {
        try (var in = LocalStack.class.getResourceAsStream("service-jvm-options")) {
            if (in == null) {
                throw new IllegalStateException("service-jvm-options is missing from the launcher's jar");
            }
            return Arrays.stream(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim().split(","))
                    .map(String::trim).filter(option -> !option.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServices(Path publicKey) {
        String host = Settings.lookup(HTTP_HOST_VARIABLE).orElse("127.0.0.1");
        List<String> jvmOptions = Settings.lookup(SERVICE_JAVA_OPTIONS_VARIABLE)
                .map(options -> List.of(options.trim().split("\\s+"))).orElse(SERVICE_JVM_OPTIONS);
        for (LocalService service : LocalService.values()) {
            checkNotStopping();
            int port = service.port();
            if (FreePort.isListening(port)) {
                throw new IllegalStateException("Port " + port + " for " + service.serviceName()
                        + " is in use; set " + service.portVariable() + " to another port");
            }
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            environment.put("QUARKUS_HTTP_HOST", host);
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
            environment.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            environment.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            environment.put("MP_JWT_VERIFY_ISSUER", ISSUER);
            environment.putAll(service.extraEnvironment(folders));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Djava.io.tmpdir=" + folders.home().resolve("tmp"));
            command.add("-jar");
            command.add(service.jar(folders.root()).toString());
            synchronized (services) {
                checkNotStopping();
                services.put(service, ChildProcess.start(service.serviceName(), command, environment,
                        folders.root(), folders.log(service.serviceName()), folders.pidFile(service.serviceName()), true));
            }
        }
    }

    private void awaitServicesReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long startedAt = System.nanoTime();
        long deadline = startedAt + SERVICE_READY_TIMEOUT.toNanos();
        List<LocalService> waiting = new ArrayList<>(services.keySet());
        while (!waiting.isEmpty()) {
            checkNotStopping();
            for (LocalService service : List.copyOf(waiting)) {
                ChildProcess process = services.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(service.serviceName() + " exited (code "
                            + process.exitCode().orElse(-1) + ") while starting. Last lines of "
                            + process.logFile() + ":\n" + process.logTail(25));
                }
                if (isReady(http, service)) {
                    waiting.remove(service);
                    OUT.printf("  %-21s http://localhost:%d/q/swagger-ui   ready (%.1f s)%n", service.serviceName(),
                            service.port(), seconds(startedAt));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready after " + SERVICE_READY_TIMEOUT.toMinutes() + " minutes: "
                        + waiting + "; see their logs in " + folders.logs());
            }
            sleep(500);
        }
    }

    /** 200 from /q/health/ready; a 404 means the service has no health extension but is up. */
    private static boolean isReady(HttpClient http, LocalService service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 404;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void watchServicesUntilStopped() {
        List<LocalService> reported = new ArrayList<>();
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (stopping.get()) {
                    continue;
                }
                services.forEach((service, process) -> {
                    if (!process.isAlive() && !reported.contains(service)) {
                        reported.add(service);
                        System.err.println(service.serviceName() + " stopped unexpectedly (exit code "
                                + process.exitCode().orElse(-1) + "); see " + process.logFile());
                    }
                });
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
        awaitQuietly(startupFinished, Duration.ofMinutes(2));
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        synchronized (services) {
            services.values().forEach(process -> stopping.add(CompletableFuture.runAsync(() -> process.stop(SERVICE_STOP_GRACE))));
        }
        stopping.forEach(CompletableFuture::join);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
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
            Files.createDirectories(folders.home().resolve("tmp"));
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

    private void requireServiceJars() {
        List<String> missing = Arrays.stream(LocalService.values())
                .filter(service -> !Files.isRegularFile(service.jar(folders.root())))
                .map(service -> service.jar(folders.root()).toString())
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Not built yet: " + String.join(", ", missing)
                    + ". Build them with: mvn -B -q -DskipTests package (./deploy/run-local.sh does that first)");
        }
    }

    private void printInfrastructure(Path publicKey) {
        OUT.println("  Databases   " + Arrays.stream(LocalService.values())
                .map(service -> postgres.jdbcUrl(service.database())).toList());
        OUT.println("  User        " + postgres.user() + " (password " + postgres.password() + ")");
        OUT.println("  Public key  " + publicKey + " (issuer " + ISSUER + ")");
    }

    private void checkNotStopping() {
        if (stopping.get()) {
            throw new StopRequested();
        }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown inside the start sequence when a stop was requested meanwhile. */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super("stop requested", null, false, false);
        }
    }
}
