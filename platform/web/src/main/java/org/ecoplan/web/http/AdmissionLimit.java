package org.ecoplan.web.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Backpressure: at most {@code ecoplan.http.admission.max-in-flight} requests (default {@value #IN_FLIGHT_PER_PROCESSOR}
 * per processor) are served at once; up to {@code max-queued} more wait at most {@code max-wait} for a slot (paused,
 * on the event loop, holding no thread);
 * anything beyond is answered at once with 503 problem+json and {@code Retry-After}, before it has used a thread, a
 * database connection or a token verification. Without it, requests past capacity queued for seconds on worker
 * threads (350 of them), memory grew, and the pool answered after its timeout anyway. A phone retries with the same
 * Idempotency-Key, so a refused POST is safe to send again.
 *
 * <p>503, not 429: the limit protects the service as a whole and says nothing about the caller (429 would be a
 * per-caller quota). Health, metrics and the OpenAPI document (the non-application root, {@code /q/}) are never
 * limited: an orchestrator must see an overloaded replica as alive. 0 turns the limit off.
 */
@ApplicationScoped
public class AdmissionLimit {

    /** After HttpEdge's checks (-3) and Quarkus' body-size check (-2), before every endpoint. */
    static final int ROUTE_ORDER = -1;
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final int maxInFlight;
    private final int maxQueued;
    private final long maxWaitMillis;
    private final long retryAfterSeconds;
    private final String exemptPrefix;
    private final Vertx vertx;

    /** Guarded by {@code this}: the slots taken and the requests waiting for one, oldest first. */
    private int inFlight;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong();

    /**
     * Requests in flight per processor when {@code max-in-flight} is not set. Measured with ReportWriteBenchmark on 2
     * cores shared with PostgreSQL (1 December 2026, the packaged JVM options): with 24 in flight (the former fixed
     * default) an open loop at 70 % of the closed-loop maximum got a third of its requests refused and p99 2.4 s,
     * because two dozen busy workers starve the event loops that accept and refuse; with 8 it admitted all at p99
     * 90 ms, and at 2x the maximum admitted 409/s against 241/s. More per core only adds contention where the CPU,
     * not the database round trips, is what a request waits for.
     */
    static final int IN_FLIGHT_PER_PROCESSOR = 4;

    @Inject
    AdmissionLimit(@ConfigProperty(name = "ecoplan.http.admission.max-in-flight") Optional<Integer> maxInFlight,
            @ConfigProperty(name = "ecoplan.http.admission.max-queued", defaultValue = "48") int maxQueued,
            @ConfigProperty(name = "ecoplan.http.admission.max-wait", defaultValue = "1s") Duration maxWait,
            @ConfigProperty(name = "ecoplan.http.admission.retry-after", defaultValue = "1s") Duration retryAfter,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q") String nonApplicationRoot,
            Vertx vertx) {
        this(maxInFlight.orElseGet(() -> IN_FLIGHT_PER_PROCESSOR * Runtime.getRuntime().availableProcessors()),
                maxQueued, maxWait, retryAfter, nonApplicationRoot, vertx);
    }

    AdmissionLimit(int maxInFlight, int maxQueued, Duration maxWait, Duration retryAfter, String nonApplicationRoot,
            Vertx vertx) {
        this.maxInFlight = maxInFlight;
        this.maxQueued = Math.max(0, maxQueued);
        this.maxWaitMillis = Math.max(1, maxWait.toMillis());
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        String root = nonApplicationRoot.startsWith("/") ? nonApplicationRoot : "/" + nonApplicationRoot;
        this.exemptPrefix = root.endsWith("/") ? root : root + "/";
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        if (maxInFlight > 0) {
            router.route().order(ROUTE_ORDER).handler(this::admit);
            Log.infof("Admission limit: %d requests in flight, %d waiting at most %d ms, then 503 (Retry-After %d s)",
                    maxInFlight, maxQueued, maxWaitMillis, retryAfterSeconds);
        }
    }

    /** @return requests being served now (for tests and metrics) */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** @return requests waiting for a slot now (for tests and metrics) */
    public synchronized int waiting() {
        return queue.size();
    }

    private void admit(RoutingContext context) {
        if (context.normalizedPath().startsWith(exemptPrefix)) {
            context.next();
            return;
        }
        Waiting waiting = null;
        synchronized (this) {
            if (inFlight < maxInFlight) {
                inFlight++;
            } else if (queue.size() < maxQueued) {
                waiting = new Waiting(context, Vertx.currentContext());
                queue.add(waiting);
            } else {
                waiting = Waiting.REFUSED;
            }
        }
        if (waiting == null) {
            enter(context);
        } else if (waiting == Waiting.REFUSED) {
            refuse(context);
        } else {
            // Nothing of the body is read while it waits; a slot handed over resumes it on its own event loop.
            context.request().pause();
            Waiting queued = waiting;
            queued.timer = vertx.setTimer(maxWaitMillis, id -> waitedTooLong(queued));
        }
    }

    private void enter(RoutingContext context) {
        AtomicBoolean released = new AtomicBoolean();
        // Called once the response has ended, failed, or its connection closed.
        context.addEndHandler(ignored -> {
            if (released.compareAndSet(false, true)) {
                release();
            }
        });
        context.next();
    }

    /** A request left: its slot goes to the oldest waiting request, or is freed. */
    private void release() {
        Waiting next;
        synchronized (this) {
            next = queue.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        if (next.timer >= 0) {
            vertx.cancelTimer(next.timer); // not set yet: it will find itself out of the queue and do nothing
        }
        next.eventLoop.runOnContext(ignored -> {
            next.context.request().resume();
            enter(next.context);
        });
    }

    private void waitedTooLong(Waiting waiting) {
        synchronized (this) {
            if (!queue.remove(waiting)) {
                return; // a slot was handed to it meanwhile
            }
        }
        // Let the unread body be discarded, so that the connection can carry the client's next request.
        waiting.context.request().resume();
        refuse(waiting.context);
    }

    private void refuse(RoutingContext context) {
        warnNowAndThen();
        if (context.response().closed() || context.response().ended()) {
            return;
        }
        String path = context.request().path();
        String detail = "the service is at its limit of " + maxInFlight + " requests at once; nothing was done, retry after "
                + retryAfterSeconds + " s with the same Idempotency-Key / 服务繁忙，请求未处理，请稍后使用相同的幂等键重试";
        context.response().setStatusCode(ProblemType.UNAVAILABLE.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .end(Buffer.buffer(problem(path, detail).getBytes(StandardCharsets.UTF_8)));
    }

    /** Written by hand: the refusal path stays cheap when the service has no time to spare. */
    private static String problem(String path, String detail) {
        ProblemType type = ProblemType.UNAVAILABLE;
        StringBuilder json = new StringBuilder(256).append("{\"type\":\"").append(type.uri())
                .append("\",\"title\":\"").append(type.title()).append("\",\"status\":").append(type.status())
                .append(",\"detail\":\"").append(detail).append('"');
        if (path != null && path.length() <= 200 && path.chars().allMatch(c -> c > 0x1f && c != '"' && c != '\\')) {
            json.append(",\"instance\":\"").append(path).append('"');
        }
        return json.append('}').toString();
    }

    private void warnNowAndThen() {
        refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last > WARNING_INTERVAL.toNanos() && lastWarning.compareAndSet(last, now)) {
            Log.warnf("Admission limit reached: %d requests answered 503 so far (%d in flight allowed, %d waiting)",
                    refused.get(), maxInFlight, maxQueued);
        }
    }

    private static final class Waiting {

        static final Waiting REFUSED = new Waiting(null, null);

        final RoutingContext context;
        final Context eventLoop;
        volatile long timer = -1;

        Waiting(RoutingContext context, Context eventLoop) {
            this.context = context;
            this.eventLoop = eventLoop;
        }
    }
}
