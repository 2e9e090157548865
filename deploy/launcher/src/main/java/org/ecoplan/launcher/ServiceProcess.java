package org.ecoplan.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ecoplan.infrastructure.ChildProcess;
import org.ecoplan.infrastructure.FreePort;

/**
 * One running instance of a service: its packaged jar ({@code target/quarkus-app/quarkus-run.jar}) in a JVM of
 * its own, on a fixed port, with the environment the stack gave it. It can be stopped (SIGTERM), killed
 * (SIGKILL) and started again with the same port and environment, as an operator or a crash would: that is
 * what the system tests do to it. Replicas of one service are instances with their own port, log and pid file.
 */
public final class ServiceProcess {

    private static final String SERVICE_MARKER = "quarkus-run.jar";
    private static final Duration READY_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LocalService service;
    private final int replica;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path logFile;
    private final Path pidFile;
    private volatile ChildProcess process;

    ServiceProcess(LocalService service, int replica, int port, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile, Path pidFile) {
        this.service = service;
        this.replica = replica;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** @return {@code progress-service} for the first replica, {@code progress-service-2} for the second … */
    public static String instanceName(LocalService service, int replica) {
        return replica == 1 ? service.serviceName() : service.serviceName() + "-" + replica;
    }

    public String name() {
        return instanceName(service, replica);
    }

    public LocalService service() {
        return service;
    }

    /** @return 1 for the first replica */
    public int replica() {
        return replica;
    }

    public int port() {
        return port;
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Starts the JVM (again). A process left on the same pid file by a killed earlier run is stopped first.
     *
     * @throws IllegalStateException if it is running, or its port is taken
     */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is running already");
        }
        ChildProcess.stopLeftover(pidFile, SERVICE_MARKER, Duration.ofSeconds(20));
        if (FreePort.isListening(port)) {
            throw new IllegalStateException("Port " + port + " for " + name() + " is in use; set "
                    + service.portVariable() + " to another port");
        }
        process = ChildProcess.start(name(), command, environment, workingDirectory, logFile, pidFile, true);
    }

    public boolean isAlive() {
        ChildProcess current = process;
        return current != null && current.isAlive();
    }

    /** @return the exit code once the JVM has ended */
    public Optional<Integer> exitCode() {
        ChildProcess current = process;
        return current == null ? Optional.empty() : current.exitCode();
    }

    /** @return the pid of the service's JVM while it runs */
    public Optional<Long> pid() {
        ChildProcess current = process;
        return current == null ? Optional.empty() : current.pid();
    }

    /** SIGKILL: no shutdown hook, no graceful close of connections or consumer groups. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), a kill after {@code grace}. @return true if it ended by itself */
    public synchronized boolean stop(Duration grace) {
        return process == null || process.stop(grace);
    }

    /** @return true when {@code /q/health/ready} answers 200 (404: a service without health checks, but up) */
    public boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready")).timeout(READY_REQUEST_TIMEOUT)
                .GET().build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 404;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the instance answers ready.
     *
     * @return how long it took
     * @throws IllegalStateException if the JVM ends meanwhile (with the end of its log) or on timeout
     */
    public Duration awaitReady(Duration timeout) {
        long startedAt = System.nanoTime();
        long deadline = startedAt + timeout.toNanos();
        while (!isReady()) {
            if (!isAlive()) {
                throw new IllegalStateException(name() + " exited (code " + exitCode().orElse(-1)
                        + ") while starting. Last lines of " + logFile + ":\n" + logTail(25));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " not ready after " + timeout.toSeconds() + " s; see " + logFile);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name(), e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** @return the last lines of the instance's log, for error messages */
    public String logTail(int lines) {
        ChildProcess current = process;
        return current == null ? "(not started)" : current.logTail(lines);
    }

    @Override
    public String toString() {
        return name() + "@" + port;
    }
}
