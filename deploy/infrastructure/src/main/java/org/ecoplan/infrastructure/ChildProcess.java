package org.ecoplan.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A long-running child process (the Kafka broker, a service) that never outlives its parent JVM.
 *
 * <p>The command runs under a small POSIX {@code sh} guard that
 * <ul>
 *   <li>writes the real process id to a pid file, so that a later start can stop the leftovers of a
 *       parent that was killed with SIGKILL before the guard noticed;</li>
 *   <li>stops the child with SIGTERM within a second once the parent JVM is gone (a killed test JVM
 *       or launcher leaves no broker behind);</li>
 *   <li>forwards SIGTERM, which is how {@link #stop(Duration)} asks the child to shut down cleanly.</li>
 * </ul>
 * With {@code ownSession} the guard runs in a new session ({@code setsid}), so the terminal's Ctrl-C
 * reaches only the launcher, which then stops the children in order. Output goes to a log file.
 */
public final class ChildProcess {

    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());

    /**
     * $1 = pid of the parent JVM, $2 = pid file, the rest = the command. POSIX sh runs a background
     * command with SIGINT ignored, which is what we want: only SIGTERM from us (or the guard) stops it.
     */
    private static final String GUARD_SCRIPT = String.join("\n",
            "parent=$1; pidfile=$2; shift 2",
            "child=",
            "trap 'kill -TERM $child 2>/dev/null; wait $child; status=$?; rm -f \"$pidfile\"; exit $status' TERM INT HUP",
            "\"$@\" &",
            "child=$!",
            "echo $child > \"$pidfile\"",
            "while kill -0 $parent 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done",
            "kill -TERM $child 2>/dev/null",
            "wait $child; status=$?",
            "rm -f \"$pidfile\"",
            "exit $status");

    private final String name;
    private final Process guard;
    private final Path logFile;
    private final Path pidFile;

    private ChildProcess(String name, Process guard, Path logFile, Path pidFile) {
        this.name = name;
        this.guard = guard;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} under the guard.
     *
     * @param environment extra environment variables (added to this JVM's environment)
     * @param logFile     stdout and stderr are appended here
     * @param pidFile     receives the pid of the real process while it runs
     * @param ownSession  start in a new session so that the terminal's SIGINT does not reach it
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile, Path pidFile, boolean ownSession) {
        List<String> guarded = new ArrayList<>();
        if (ownSession && commandExists("setsid")) {
            guarded.add("setsid");
        }
        guarded.addAll(List.of("sh", "-c", GUARD_SCRIPT, "ecoplan-guard",
                Long.toString(ProcessHandle.current().pid()), pidFile.toString()));
        guarded.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.deleteIfExists(pidFile);
            ProcessBuilder builder = new ProcessBuilder(guarded)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process guard = builder.start();
            LOG.log(Level.DEBUG, "Started {0} (guard pid {1}), log {2}", name, guard.pid(), logFile);
            return new ChildProcess(name, guard, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return guard.isAlive();
    }

    /** @return the exit code, if the process has ended */
    public Optional<Integer> exitCode() {
        return guard.isAlive() ? Optional.empty() : Optional.of(guard.exitValue());
    }

    /**
     * Asks the process to shut down (SIGTERM), waits up to {@code grace}, then kills it and
     * everything it started.
     *
     * @return true if it ended by itself within {@code grace}
     */
    public boolean stop(Duration grace) {
        if (!guard.isAlive()) {
            return true;
        }
        List<ProcessHandle> tree = new ArrayList<>(guard.descendants().toList());
        guard.destroy();
        boolean clean = false;
        try {
            clean = guard.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) && awaitEnd(tree, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!clean) {
            LOG.log(Level.WARNING, "{0} did not stop within {1}; killing it", name, grace);
            tree.forEach(ProcessHandle::destroyForcibly);
            guard.destroyForcibly();
            awaitEnd(tree, Duration.ofSeconds(5));
        }
        return clean;
    }

    /**
     * Kills the process at once (SIGKILL), as a crash or the kernel's out-of-memory killer would: no shutdown
     * hook runs, nothing is flushed. The guard notices within a second and ends too.
     */
    public void kill() {
        if (!guard.isAlive()) {
            return;
        }
        // The real process if its pid is known, otherwise everything under the guard (the pid file is
        // written a moment after the start).
        List<ProcessHandle> targets = pid().flatMap(ProcessHandle::of).map(List::of)
                .orElseGet(() -> guard.descendants().toList());
        targets.forEach(ProcessHandle::destroyForcibly);
        awaitEnd(targets, Duration.ofSeconds(10));
        try {
            if (!guard.waitFor(10, TimeUnit.SECONDS)) {
                guard.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "Killed {0} (SIGKILL)", name);
    }

    /** @return the pid of the real process (not of its guard) while it runs */
    public Optional<Long> pid() {
        return guard.isAlive() ? readPid(pidFile) : Optional.empty();
    }

    /** @return the last {@code lines} lines of the log file, for error messages */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /**
     * Stops a process left over from an earlier run whose parent was killed: reads the pid file,
     * and if that process is alive and its command line contains {@code commandMarker} (pids get
     * reused), sends SIGTERM, waits up to {@code grace}, then kills it.
     *
     * @return true if a leftover process was found
     */
    public static boolean stopLeftover(Path pidFile, String commandMarker, Duration grace) {
        Optional<ProcessHandle> leftover = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(commandMarker));
        if (leftover.isEmpty()) {
            return false;
        }
        ProcessHandle process = leftover.get();
        LOG.log(Level.WARNING, "Stopping leftover process {0} ({1})", process.pid(), pidFile);
        process.destroy();
        if (!awaitEnd(List.of(process), grace)) {
            process.destroyForcibly();
            awaitEnd(List.of(process), Duration.ofSeconds(5));
        }
        deleteQuietly(pidFile);
        return true;
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream()
                    .findFirst().orElse("").trim();
            return firstLine.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(firstLine));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean awaitEnd(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log at " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not delete {0}", file);
        }
    }

    private static boolean commandExists(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
