package org.ecoplan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import one.profiler.AsyncProfiler;

/**
 * A benchmark's measured stretch under async-profiler (tools.profiler:async-profiler from Maven Central, whose jar
 * carries the native library for Linux x64/arm64 and macOS). It is loaded into the benchmark's own JVM, which is the
 * JVM that runs the service under test ({@code @QuarkusTest}), so the profile sees the service's request threads next
 * to the load driver's (told apart by the {@code threads} option). Chosen with {@code -Dbenchmark.profile=cpu|wall|
 * alloc|lock}; without it every method does nothing. The stretch may be paused (between interleaved measurements that
 * should not be in the profile) and resumed; {@link #stopInto} writes a flame graph and the collapsed stacks to
 * {@code target/benchmarks/<name>-<event>.html|.collapsed} and appends the hottest frames to the benchmark's report.
 */
public final class Profile {

    /** A profile that does nothing, to start from. */
    public static final Profile NONE = new Profile(null, "");

    private final AsyncProfiler profiler;
    private final String event;

    private Profile(AsyncProfiler profiler, String event) {
        this.profiler = profiler;
        this.event = event;
    }

    /** The event asked for with {@code -Dbenchmark.profile}, or none. */
    public static String requested() {
        return System.getProperty("benchmark.profile", "").trim();
    }

    /** Starts profiling {@code event} (cpu, wall, alloc, lock, or any async-profiler event); blank: a profile that does nothing. */
    public static Profile start(String event) throws IOException {
        if (event == null || event.isBlank()) {
            return NONE;
        }
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        profiler.execute("start,event=" + event + ",interval=1ms,threads");
        return new Profile(profiler, event);
    }

    public boolean active() {
        return profiler != null;
    }

    /** Stops sampling and keeps what was sampled, for {@link #resume()} or {@link #stopInto}. */
    public void pause() throws IOException {
        if (profiler != null) {
            profiler.execute("stop");
        }
    }

    /** Samples again, adding to what was sampled before the pause. */
    public void resume() throws IOException {
        if (profiler != null) {
            profiler.execute("resume,event=" + event + ",interval=1ms,threads");
        }
    }

    /**
     * Stops (if running), writes {@code target/benchmarks/<name>-<event>.html} and {@code .collapsed}, and appends the
     * 25 hottest frames under {@code title} to {@code report}.
     */
    public void stopInto(StringBuilder report, String name, String title) throws IOException {
        if (profiler == null) {
            return;
        }
        Path directory = Path.of("target/benchmarks").toAbsolutePath();
        Files.createDirectories(directory);
        try {
            profiler.execute("stop");
        } catch (IllegalStateException alreadyStopped) {
            // paused last: what was sampled is kept
        }
        String file = name + "-" + event;
        Path collapsed = directory.resolve(file + ".collapsed");
        profiler.execute("collapsed,threads,file=" + collapsed);
        profiler.execute("flamegraph,file=" + directory.resolve(file + ".html"));
        report.append(String.format("%nProfile of %s (%s): target/benchmarks/%s.html (collapsed stacks: %s.collapsed).%n%n"
                + "Samples per thread (numbers in names folded to #):%n%n%s%nHottest frames:%n%n```%n%s```%n", title, event,
                file, file, perThread(collapsed), profiler.execute("flat=25,traces=0")));
    }

    /**
     * The share of samples per thread, threads of one pool together: which part of the JVM (request threads, event
     * loop, JIT compiler, GC, the load driver) the samples fell in, before reading any frame.
     */
    static String perThread(Path collapsed) throws IOException {
        Map<String, Long> samples = new HashMap<>();
        long total = 0;
        try (var lines = Files.lines(collapsed)) {
            for (String line : (Iterable<String>) lines::iterator) {
                int space = line.lastIndexOf(' ');
                int semicolon = line.indexOf(';');
                if (space < 0) {
                    continue;
                }
                long count = Long.parseLong(line.substring(space + 1));
                String thread = line.substring(0, semicolon < 0 ? space : semicolon).replaceAll(" tid=\\d+", "")
                        .replaceAll("\\d+", "#").replaceAll("^\\[|\\]$", "");
                samples.merge(thread, count, Long::sum);
                total += count;
            }
        }
        long all = Math.max(total, 1);
        StringBuilder table = new StringBuilder("| thread | samples | share |\n|---|---:|---:|\n");
        samples.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue().reversed()).limit(12)
                .forEach(entry -> table.append(String.format("| %s | %d | %.1f %% |%n", entry.getKey().replace("|", "/"),
                        entry.getValue(), 100.0 * entry.getValue() / all)));
        return table.toString();
    }
}
