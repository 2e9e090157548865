package org.ecoplan.progress.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.ecoplan.testing.ReadLatency;

/**
 * Drives {@code POST /reports} over real HTTP connections: closed loop (N connections, each sending its next report
 * as soon as the last one is answered) for the maximum rate, and open loop (a constant arrival rate, requests issued
 * on schedule whatever the answers) for latency under a given load. Each report is its own item from {@code items},
 * so no two requests collide on a monthly slot or an Idempotency-Key.
 */
final class WriteLoad {

    /** One report to file: its JSON body and the token of a reporter of its department. */
    record Item(String body, String authorization) {
    }

    /** What a run gave: answered 201s per second, latencies of the 201s (ms, sorted), other answers by status. */
    record Result(double perSecond, double[] createdMillis, Map<String, Integer> others) {

        double p(int percent) {
            return createdMillis.length == 0 ? Double.NaN : ReadLatency.percentile(createdMillis, percent);
        }

        int otherCount() {
            return others.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final URI reports;
    private final IntFunction<Item> items;
    private final AtomicInteger next;

    /** @param next the index of the next unused item, shared with whatever else takes items */
    WriteLoad(URI base, IntFunction<Item> items, AtomicInteger next) {
        this.reports = base.resolve("reports");
        this.items = items;
        this.next = next;
    }

    /**
     * The open loop's cap on requests awaiting an answer. Uncapped, at 2× the maximum rate the load driver (in the
     * service's JVM) opened a connection for every request not yet answered, thousands, until its own connects timed
     * out and it ran out of file descriptors: the run measured the driver. A service that answers 503 at once needs
     * a few dozen; reaching the cap means the answers were seconds late.
     */
    static final int MAX_OUTSTANDING = 512;
    /** How the open loop counts a request it did not send because {@link #MAX_OUTSTANDING} were awaiting answers. */
    static final String NOT_SENT = "not sent: " + MAX_OUTSTANDING + " awaiting answers";

    /** Files the next item; fails unless it was created. */
    void one() {
        String outcome = send(client(), items.apply(next.getAndIncrement()));
        if (outcome != null) {
            throw new AssertionError("POST /reports answered " + outcome);
        }
    }

    /** {@code connections} clients, each on its own HTTP connection, for {@code duration}. */
    Result closedLoop(int connections, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<double[]> latencies = new ConcurrentLinkedQueue<>();
        Map<String, Integer> others = new ConcurrentHashMap<>();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                HttpClient client = client();
                List<Double> own = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    String outcome = send(client, items.apply(next.getAndIncrement()));
                    if (outcome == null) {
                        own.add((System.nanoTime() - sent) / 1e6);
                    } else {
                        others.merge(outcome, 1, Integer::sum);
                    }
                }
                latencies.add(own.stream().mapToDouble(Double::doubleValue).toArray());
            }, "write-load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Result(all.length / seconds, all, new TreeMap<>(others));
    }

    /**
     * Requests issued at {@code perSecond} for {@code duration}, each on schedule whether or not earlier ones were
     * answered. Latency counts from the moment a request was due, so a stalled sender cannot hide queueing. At most
     * {@link #MAX_OUTSTANDING} wait for an answer at once; a request due beyond that is counted as {@link #NOT_SENT}.
     */
    Result openLoop(double perSecond, Duration duration) throws InterruptedException {
        HttpClient client = client();
        long periodNanos = Math.max(1, (long) (1e9 / perSecond));
        int total = (int) (duration.toNanos() / periodNanos);
        ConcurrentLinkedQueue<Double> created = new ConcurrentLinkedQueue<>();
        Map<String, Integer> others = new ConcurrentHashMap<>();
        CountDownLatch answered = new CountDownLatch(total);
        AtomicLong issued = new AtomicLong();
        Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        scheduler.scheduleAtFixedRate(() -> {
            long index = issued.getAndIncrement();
            if (index >= total) {
                return;
            }
            long due = start + index * periodNanos;
            if (!outstanding.tryAcquire()) {
                others.merge(NOT_SENT, 1, Integer::sum);
                answered.countDown();
                return;
            }
            Item item = items.apply(next.getAndIncrement());
            client.sendAsync(request(item), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                outstanding.release();
                if (failure != null) {
                    others.merge(clientFailure(failure), 1, Integer::sum);
                } else if (response.statusCode() == 201) {
                    created.add((System.nanoTime() - due) / 1e6);
                } else {
                    others.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
                }
                answered.countDown();
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        boolean done = answered.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        if (!done) {
            others.merge("unanswered", (int) answered.getCount(), Integer::sum);
        }
        double[] millis = created.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(millis.length / (duration.toNanos() / 1e9), millis, new TreeMap<>(others));
    }

    /** @return null for a 201, else what came instead (the status, or the failure's class) */
    private String send(HttpClient client, Item item) {
        try {
            int status = client.send(request(item), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 201 ? null : String.valueOf(status);
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private HttpRequest request(Item item) {
        return HttpRequest.newBuilder(reports).header("Authorization", item.authorization())
                .header("Content-Type", "application/json").header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .header("User-Agent", "EcoPlanApp/2.3 (benchmark)").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(item.body())).build();
    }

    /**
     * What went wrong on the client's side, named by its cause ("CompletionException" alone said nothing): e.g.
     * {@code client: ConnectException} when the server's accept queue overflowed, {@code client: IOException (…)}
     * when a connection was closed under a request.
     */
    private static String clientFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage() == null ? "" : " (" + cause.getMessage().lines().findFirst().orElse("") + ")";
        return "client: " + cause.getClass().getSimpleName() + (message.length() > 80 ? message.substring(0, 79) + "…)" : message);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
