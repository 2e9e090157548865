package org.ecoplan.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP as EcoPlan's clients use it. A request that is safe to repeat (a GET, or a POST carrying an
 * Idempotency-Key) is retried the way the phone app retries: on a connection error or timeout and on 502, 503
 * and 504, with back-off from 250 ms doubling to 4 s (a Retry-After up to 10 s is honoured), until a deadline.
 * Every other answer goes back to the caller. What happened is counted in {@link Stats}, so a test can say how
 * many requests met a fault and assert that none got a 500.
 *
 * <p>Every attempt goes where the {@link #route(UnaryOperator) route} sends it: with replicas, a load balancer's
 * choice among the instances that run, so a retried request may well be answered by another replica.
 */
final class Http {

    static final Duration RETRY_DEADLINE = Duration.ofMinutes(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 4000;
    private static final long MAX_RETRY_AFTER_MILLIS = 10_000;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper;
    private final Stats stats = new Stats();
    private volatile UnaryOperator<URI> route = UnaryOperator.identity();

    Http(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Stats stats() {
        return stats;
    }

    /** Where each attempt of a request to a URI goes (default: that URI). */
    void route(UnaryOperator<URI> route) {
        this.route = route;
    }

    Response get(URI uri, String token) {
        return send(new Call("GET", uri, token, Map.of(), null, true));
    }

    /** A POST with a JSON body (or none); retried only if {@code idempotencyKey} is given. */
    Response post(URI uri, String token, Object body, String idempotencyKey, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (idempotencyKey != null) {
            all.put("Idempotency-Key", idempotencyKey);
        }
        return send(new Call("POST", uri, token, all, body, idempotencyKey != null));
    }

    Response send(Call call) {
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            stats.attempts.incrementAndGet();
            long pause;
            try {
                HttpResponse<String> answer = client.send(request(call, route.apply(call.uri())), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Response response = new Response(answer.statusCode(), answer.headers(), answer.body(), mapper);
                int status = response.status();
                if (status == 503) {
                    stats.serviceUnavailable.incrementAndGet();
                }
                if (status >= 500 && status != 503) {
                    stats.serverErrors.add(call.method() + " " + call.uri().getPath() + " -> " + status + ": "
                            + abbreviate(response.body()));
                }
                if (!call.retry() || !(status == 502 || status == 503 || status == 504)) {
                    return response;
                }
                pause = response.retryAfterMillis().map(millis -> Math.min(millis, MAX_RETRY_AFTER_MILLIS)).orElse(backoff);
            } catch (IOException e) {
                stats.connectionErrors.incrementAndGet();
                if (!call.retry()) {
                    throw new IllegalStateException(call.method() + " " + call.uri() + " failed: " + e, e);
                }
                pause = backoff;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted: " + call.method() + " " + call.uri(), e);
            }
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                stats.gaveUp.incrementAndGet();
                throw new IllegalStateException(call.method() + " " + call.uri() + " gave up after " + attempt
                        + " attempts in " + RETRY_DEADLINE.toSeconds() + " s");
            }
            stats.retries.incrementAndGet();
            sleep(pause);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private HttpRequest request(Call call, URI target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "ecoplan-system-test");
        if (call.token() != null) {
            builder.header("Authorization", "Bearer " + call.token());
        }
        call.headers().forEach(builder::header);
        if (call.body() == null) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            try {
                builder.method(call.method(), HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(call.body()),
                        StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return builder.build();
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** One request: {@code retry} only where repeating it cannot do anything twice. */
    record Call(String method, URI uri, String token, Map<String, String> headers, Object body, boolean retry) {
    }

    record Response(int status, HttpHeaders headers, String body, ObjectMapper mapper) {

        JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON (HTTP " + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        Optional<Long> retryAfterMillis() {
            return header("Retry-After").flatMap(value -> {
                try {
                    return Optional.of(Long.parseLong(value.trim()) * 1000);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        }

        /** @throws AssertionError naming the request's answer unless the status is one of {@code expected} */
        Response expect(int... expected) {
            for (int status : expected) {
                if (status == this.status) {
                    return this;
                }
            }
            throw new AssertionError("HTTP " + status + " (expected " + Arrays.toString(expected) + "): " + body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    /** What the requests met. */
    static final class Stats {
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong connectionErrors = new AtomicLong();
        final AtomicLong serviceUnavailable = new AtomicLong();
        final AtomicLong gaveUp = new AtomicLong();
        final List<String> serverErrors = new CopyOnWriteArrayList<>();

        @Override
        public String toString() {
            return attempts + " attempts, " + retries + " retries (" + connectionErrors + " connection errors, "
                    + serviceUnavailable + " × 503), " + serverErrors.size() + " other 5xx, " + gaveUp + " given up";
        }
    }
}
