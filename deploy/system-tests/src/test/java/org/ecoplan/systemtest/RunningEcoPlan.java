package org.ecoplan.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.ecoplan.infrastructure.ChildProcess;
import org.ecoplan.infrastructure.KafkaBroker;
import org.ecoplan.infrastructure.PostgresServer;
import org.ecoplan.launcher.EcoPlanStack;
import org.ecoplan.launcher.LocalFolders;
import org.ecoplan.launcher.LocalService;
import org.ecoplan.launcher.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * EcoPlan started for the system tests as a user starts it ({@link EcoPlanStack}, the local run's start-up code):
 * its own PostgreSQL and Kafka on free ports, the four packaged services with the local run's JVM options, a JWT
 * key pair made for the run, all files under {@code target/system-test}. The settings beyond the local run's:
 * notification-service may deliver webhooks to 127.0.0.0/8, where the test's receiver listens, and the business
 * clocks of progress-, indicator- and notification-service may be set by an administrator.
 *
 * <p>What it offers the tests is what an operator sees from outside: HTTP, health, consumer-group lag. With replicas
 * ({@link #start(Path, Consumer)}), requests to a service are spread over its running instances as a load balancer
 * in front of them would ({@link #balance(URI)}).
 */
final class RunningEcoPlan implements AutoCloseable {

    static final String ROOT_PROPERTY = "ecoplan.root";
    static final String HOME_PROPERTY = "ecoplan.system-test.home";

    private final EcoPlanStack stack;
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final Http http = new Http(mapper);
    private final KafkaProbe kafka;
    private final java.util.concurrent.atomic.AtomicInteger nextReplica = new java.util.concurrent.atomic.AtomicInteger();
    /** The district's date when the services started: time-dependent figures are compared only on that date. */
    private final LocalDate startedOn = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private RunningEcoPlan(EcoPlanStack stack) {
        this.stack = stack;
        this.kafka = new KafkaProbe(stack.kafkaBootstrapServers());
        http.route(this::balance);
    }

    /**
     * A load balancer in front of each service's replicas: the request goes to the next of the instances whose JVM
     * runs (round robin); an instance that runs but does not listen yet answers with a connection error, which the
     * client retries, most likely on another instance. One replica: the address as given.
     */
    URI balance(URI target) {
        List<ServiceProcess> replicas = null;
        for (LocalService service : LocalService.values()) {
            List<ServiceProcess> instances = stack.instances(service);
            if (instances.stream().anyMatch(instance -> instance.port() == target.getPort())) {
                replicas = instances;
            }
        }
        if (replicas == null || replicas.size() < 2) {
            return target;
        }
        List<ServiceProcess> running = replicas.stream().filter(ServiceProcess::isAlive).toList();
        if (running.isEmpty()) {
            return target;
        }
        ServiceProcess chosen = running.get(Math.floorMod(nextReplica.getAndIncrement(), running.size()));
        return URI.create("http://127.0.0.1:" + chosen.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }

    /** Starts everything in a fresh folder and waits until every service's catalogue copy is complete. */
    static RunningEcoPlan start() {
        return start(Path.of(System.getProperty(HOME_PROPERTY, "target/system-test")), shape -> {
        });
    }

    /**
     * Starts everything in a fresh folder {@code home}, in the shape {@code shape} gives the stack (e.g. Kafka nodes
     * and replicas), and waits until every service's catalogue copy is complete.
     */
    static RunningEcoPlan start(Path home, Consumer<EcoPlanStack.Builder> shape) {
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, "../..")).toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
        LocalFolders folders = new LocalFolders(root, home);
        clean(folders);
        long startedAt = System.nanoTime();
        System.out.println("Starting EcoPlan for the system tests (files in " + home + ")");
        EcoPlanStack.Builder builder = EcoPlanStack.builder(folders)
                .environment(LocalService.NOTIFICATION, "ECOPLAN_WEBHOOKS_ALLOWED_NETWORKS", "127.0.0.0/8");
        // DeliveryAgreementIT walks the services together through a year: their business clocks may be set
        // (PUT /admin/clock, administrators only); until then they follow the system time.
        for (LocalService service : List.of(LocalService.PROGRESS, LocalService.INDICATOR, LocalService.NOTIFICATION)) {
            builder.environment(service, "ECOPLAN_CLOCK_ADJUSTABLE", "true");
        }
        shape.accept(builder);
        EcoPlanStack stack = builder.build();
        RunningEcoPlan running = null;
        try {
            stack.start();
            running = new RunningEcoPlan(stack);
            running.awaitCatalogueReplicated(Duration.ofMinutes(2));
            System.out.printf("EcoPlan is ready for the system tests (%.1f s)%n", (System.nanoTime() - startedAt) / 1e9);
            return running;
        } catch (RuntimeException | Error e) {
            if (running != null) {
                running.close();
            } else {
                stack.close();
            }
            throw e;
        }
    }

    LocalDate startedOn() {
        return startedOn;
    }

    EcoPlanStack stack() {
        return stack;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    Http http() {
        return http;
    }

    KafkaProbe kafka() {
        return kafka;
    }

    /** @return the address of {@code pathAndQuery} on the first instance of {@code service} */
    URI uri(LocalService service, String pathAndQuery) {
        return stack.instance(service).baseUri().resolve(pathAndQuery);
    }

    String token(String role, String department, String subject) {
        return stack.token(role, department, subject);
    }

    /** @return every item of a paged list ({@code items}, {@code totalPages}), read 500 at a time */
    List<JsonNode> all(LocalService service, String pathAndQuery, String token) {
        List<JsonNode> items = new ArrayList<>();
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonNode answer = http.get(uri(service, pathAndQuery + separator + "size=500&page=" + page), token)
                    .expect(200).json();
            answer.path("items").forEach(items::add);
            if (page + 1 >= answer.path("totalPages").asInt()) {
                return items;
            }
        }
    }

    /**
     * Waits until progress-, indicator- and notification-service each hold every measure plan-service published:
     * they learn the catalogue from the compacted topic only.
     */
    void awaitCatalogueReplicated(Duration timeout) {
        long published = http.get(uri(LocalService.PLAN, "/measures?size=1"), null).expect(200).json()
                .path("totalItems").asLong();
        Eventually.await("every service's catalogue copy holds the " + published + " measures", timeout, () -> {
            for (LocalService service : List.of(LocalService.PROGRESS, LocalService.INDICATOR, LocalService.NOTIFICATION)) {
                long held = http.get(uri(service, "/catalogue/status"), null).expect(200).json()
                        .path("entities").path("measure").asLong();
                if (held != published) {
                    return service.serviceName() + " holds " + held;
                }
            }
            return null;
        });
    }

    /**
     * @return the number of events each instance's outbox still holds (from the {@code event-outbox} readiness
     *         check), or -1 for an instance that does not answer
     */
    Map<String, Long> outboxBacklogs() {
        Map<String, Long> backlogs = new LinkedHashMap<>();
        for (ServiceProcess instance : stack.instances()) {
            backlogs.put(instance.name(), outboxBacklog(instance));
        }
        return backlogs;
    }

    private long outboxBacklog(ServiceProcess instance) {
        try {
            Http.Response response = http.send(new Http.Call("GET", instance.baseUri().resolve("/q/health/ready"), null,
                    Map.of(), null, false));
            for (JsonNode check : response.json().path("checks")) {
                if ("event-outbox".equals(check.path("name").asText()) && check.path("data").has("waiting")) {
                    return check.path("data").path("waiting").asLong();
                }
            }
            return -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * @return null when everything is settled (every instance ready, every outbox empty, every consumer group's
     *         lag 0), otherwise what is not
     */
    String unsettled() {
        for (ServiceProcess instance : stack.instances()) {
            if (!instance.isReady()) {
                return instance.name() + " is not ready";
            }
        }
        Map<String, Long> backlogs = outboxBacklogs();
        if (backlogs.values().stream().anyMatch(waiting -> waiting != 0)) {
            return "outbox backlogs " + backlogs;
        }
        Map<String, Long> lags;
        try {
            lags = kafka.lagByGroup();
        } catch (RuntimeException e) {
            return "Kafka does not answer: " + e.getMessage();
        }
        if (lags.values().stream().anyMatch(lag -> lag != 0)) {
            return "consumer lag " + lags;
        }
        return null;
    }

    /** Waits until {@link #unsettled()} is null. @return how long it took */
    Duration awaitSettled(Duration timeout) {
        return Eventually.await("every service ready, every outbox empty, every consumer group caught up", timeout,
                this::unsettled);
    }

    @Override
    public void close() {
        kafka.close();
        System.out.println("Stopping EcoPlan ...");
        stack.close();
        System.out.println("EcoPlan stopped.");
    }

    /** Stops whatever a killed earlier run left on the folder, then empties it. */
    private static void clean(LocalFolders folders) {
        PostgresServer.stopLeftover(folders.postgres());
        KafkaBroker.stopLeftover(folders.kafka());
        if (Files.isDirectory(folders.run())) {
            try (Stream<Path> pidFiles = Files.list(folders.run())) {
                pidFiles.forEach(pidFile -> ChildProcess.stopLeftover(pidFile, "quarkus-run.jar", Duration.ofSeconds(20)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (Files.exists(folders.home())) {
            try (Stream<Path> paths = Files.walk(folders.home())) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Polls a condition. */
    static final class Eventually {

        private Eventually() {
        }

        /**
         * Polls {@code check} (null = satisfied, otherwise what is still missing) until it is satisfied.
         *
         * @return how long it took
         * @throws AssertionError with the last answer after {@code timeout}
         */
        static Duration await(String what, Duration timeout, Supplier<String> check) {
            long startedAt = System.nanoTime();
            long deadline = startedAt + timeout.toNanos();
            String missing;
            while (true) {
                try {
                    missing = check.get();
                } catch (RuntimeException | AssertionError e) {
                    missing = e.toString();
                }
                if (missing == null) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Not within " + timeout.toSeconds() + " s: " + what + "; still: " + missing);
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted while waiting for: " + what, e);
                }
            }
        }

        /** Polls {@code value} (null = not yet) until it gives something. @return what it gave */
        static <T> T awaitValue(String what, Duration timeout, Supplier<T> value) {
            Object[] found = new Object[1];
            await(what, timeout, () -> {
                found[0] = value.get();
                return found[0] == null ? "nothing yet" : null;
            });
            @SuppressWarnings("unchecked")
            T result = (T) found[0];
            return result;
        }
    }
}
