package org.ecoplan.testing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Latency table of a benchmark: each read is sent a quarter of {@code requests} times to warm up, then
 * {@code requests} times sequentially over a real HTTP connection; p50/p95/p99/max go into a Markdown table.
 * Figures are for people: a benchmark asserts only that every read answered 200.
 */
public final class ReadLatency {

    private final HttpClient client = HttpClient.newHttpClient();
    private final int requests;
    private final StringBuilder table = new StringBuilder("| read | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");

    public ReadLatency(int requests) {
        this.requests = requests;
    }

    /** Times {@code request} (see the class comment) and adds its row to the table; @return the figures, sorted */
    public double[] measure(String label, HttpRequest request) throws IOException, InterruptedException {
        double[] millis = time(request);
        table.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f |%n", label, percentile(millis, 50),
                percentile(millis, 95), percentile(millis, 99), millis[millis.length - 1]));
        return millis;
    }

    /** Times {@code request} as {@link #measure} does, without a row in the table; @return the figures, sorted */
    public double[] time(HttpRequest request) throws IOException, InterruptedException {
        return sample(requests, () -> send(request));
    }

    /**
     * Runs {@code action} a quarter of {@code runs} times to warm up, then {@code runs} times sequentially.
     *
     * @return milliseconds per timed run, sorted ascending
     */
    public static double[] sample(int runs, Action action) throws IOException, InterruptedException {
        try {
            for (int i = 0; i < runs / 4; i++) {
                action.run();
            }
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                action.run();
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            return millis;
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("A timed run failed: " + e.getMessage(), e);
        }
    }

    /** Prints the report and writes it to {@code file} (relative to the module, e.g. target/benchmarks/x.md). */
    public void write(String title, String preamble, Path file) throws IOException {
        write(title, preamble, table.toString(), file);
    }

    /** Prints a report with a table of the caller's own and writes it to {@code file}. */
    public static void write(String title, String preamble, String table, Path file) throws IOException {
        String report = "# " + title + "\n\n" + preamble + "\n\n" + table;
        System.out.println(report);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }

    private void send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError(request.uri() + " answered " + response.statusCode());
        }
    }

    /** One timed run: an HTTP request, a replay of SQL statements. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** @param sorted ascending figures; nearest-rank percentile */
    public static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
