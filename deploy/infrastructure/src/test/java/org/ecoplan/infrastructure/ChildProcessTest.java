package org.ecoplan.infrastructure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path folder;

    @Test
    void stopsTheRealProcessAndRemovesItsPidFile() throws Exception {
        Path pidFile = folder.resolve("run/sleeper.pid");
        ChildProcess sleeper = ChildProcess.start("sleeper", List.of("sleep", "600"), Map.of(), folder,
                folder.resolve("logs/sleeper.log"), pidFile, true);
        ProcessHandle real = awaitPid(pidFile);
        assertTrue(real.info().commandLine().orElse("").contains("sleep 600"));

        assertTrue(sleeper.stop(Duration.ofSeconds(10)));

        assertFalse(real.isAlive());
        assertFalse(Files.exists(pidFile));
    }

    @Test
    void killEndsTheRealProcessAtOnceWithoutItsShutdownHandler() throws Exception {
        Path pidFile = folder.resolve("run/crasher.pid");
        Path marker = folder.resolve("graceful");
        // A process that would write the marker if it were asked to stop (SIGTERM) rather than killed.
        String script = "trap 'echo graceful > \"" + marker + "\"; exit 0' TERM; while :; do sleep 0.1; done";
        ChildProcess crasher = ChildProcess.start("crasher", List.of("sh", "-c", script), Map.of(), folder,
                folder.resolve("logs/crasher.log"), pidFile, true);
        ProcessHandle real = awaitPid(pidFile);
        assertTrue(crasher.pid().isPresent());

        crasher.kill();

        assertFalse(real.isAlive());
        assertFalse(crasher.isAlive(), "the guard ends with it");
        assertFalse(Files.exists(marker), "SIGKILL leaves no chance to shut down");
        assertTrue(crasher.exitCode().isPresent());
    }

    @Test
    void stopsALeftoverNamedByItsPidFileButNotAStranger() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "601").start();
        Path pidFile = folder.resolve("leftover.pid");
        Files.writeString(pidFile, leftover.pid() + "\n");

        assertFalse(ChildProcess.stopLeftover(pidFile, "kafka.Kafka", Duration.ofSeconds(5)), "pid reused by another program");
        assertTrue(leftover.isAlive());
        assertTrue(ChildProcess.stopLeftover(pidFile, "sleep 601", Duration.ofSeconds(5)));
        // The JVM learns of its own child's end from a reaper thread: wait for it instead of racing it.
        assertTrue(leftover.waitFor(5, TimeUnit.SECONDS), "the leftover was stopped");
        assertFalse(leftover.isAlive());
    }

    private static ProcessHandle awaitPid(Path pidFile) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var pid = ChildProcess.readPid(pidFile).flatMap(ProcessHandle::of);
            if (pid.isPresent()) {
                return pid.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pid in " + pidFile);
    }
}
