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

    public void measure(String label, HttpRequest request) throws IOException, InterruptedException {
        for (int i = 0; i < requests / 4; i++) {
            send(request);
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            send(request);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        table.append(String.format("| %s | %.1f | %.1f | %.1f | %.1f |%n", label, percentile(millis, 50),
                percentile(millis, 95), percentile(millis, 99), millis[millis.length - 1]));
    }

    /** Prints the report and writes it to {@code file} (relative to the module, e.g. target/benchmarks/x.md). */
    public void write(String title, String preamble, Path file) throws IOException {
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

    /** @param sorted ascending figures; nearest-rank percentile */
    public static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
