package org.ecoplan.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The admission limit on a real Vert.x router, with endpoints that take 300 ms. */
class AdmissionLimitTest {

    private static final int MAX_IN_FLIGHT = 3;
    private static final int MAX_QUEUED = 2;

    private Vertx vertx;
    private HttpServer server;
    private AdmissionLimit limit;
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger mostServedAtOnce = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        limit = new AdmissionLimit(MAX_IN_FLIGHT, MAX_QUEUED, Duration.ofMillis(150), Duration.ofSeconds(2), "q", vertx);
        Router router = Router.router(vertx);
        limit.install(router);
        router.route("/slow").handler(context -> {
            mostServedAtOnce.accumulateAndGet(serving.incrementAndGet(), Math::max);
            vertx.setTimer(300, id -> {
                serving.decrementAndGet();
                context.response().end("done");
            });
        });
        router.route("/q/health").handler(context -> context.response().end("UP"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void servesTheLimitQueuesAFewBrieflyAndRefusesTheRestAtOnceWith503() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(client.sendAsync(get("/slow"), HttpResponse.BodyHandlers.ofString()));
        }
        // While all slots are taken, health still answers.
        Thread.sleep(100);
        assertThat(client.send(get("/q/health"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(mostServedAtOnce.get()).isEqualTo(MAX_IN_FLIGHT);
        long served = responses.stream().filter(r -> r.statusCode() == 200).count();
        // The first three are served; the two queued wait 150 ms, less than a slot takes to free (300 ms): refused too.
        assertThat(served).isEqualTo(MAX_IN_FLIGHT);
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(refused).hasSize(10 - MAX_IN_FLIGHT).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("2");
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).contains("\"status\":503").contains("\"instance\":\"/slow\"");
        });
        awaitIdle();
    }

    /** Not configured, the limit follows the processors the JVM may use (a container's CPU limit): 4 per processor. */
    @Test
    void withoutAConfiguredLimitServesFourPerProcessor() throws Exception {
        int expected = 4 * Runtime.getRuntime().availableProcessors();
        var perCore = new AdmissionLimit(Optional.empty(), 0, Duration.ofMillis(100), Duration.ofSeconds(1), "q", vertx);
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        URI uri = serveSlow(perCore, context -> {
            mostAtOnce.accumulateAndGet(busy.incrementAndGet(), Math::max);
            // Long enough that every request has arrived before the first slot frees, on a loaded machine too.
            vertx.setTimer(1500, id -> {
                busy.decrementAndGet();
                context.response().end("done");
            });
        });

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < expected + 2; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(mostAtOnce.get()).isEqualTo(expected);
        assertThat(statuses.stream().filter(status -> status == 200).count()).isEqualTo(expected);
        assertThat(statuses.stream().filter(status -> status == 503).count()).isEqualTo(2);
        awaitIdle(perCore);
    }

    @Test
    void aWaitingRequestGetsTheNextFreeSlot() throws Exception {
        var slowLimit = new AdmissionLimit(1, 1, Duration.ofSeconds(5), Duration.ofSeconds(1), "q", vertx);
        URI uri = serveSlow(slowLimit, context -> vertx.setTimer(1000, id -> context.response().end("done")));

        // Each next request once the server holds the one before (fixed sleeps lost the order on a loaded machine).
        var first = client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        awaitUntil(() -> slowLimit.inFlight() == 1);
        var queued = client.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("a body")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitUntil(() -> slowLimit.waiting() == 1);
        var third = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(queued.join().statusCode()).isEqualTo(200);
        // The slot is given back when the server has finished the response, which may be just after the client read it.
        awaitIdle(slowLimit);
    }

    @Test
    void aClientThatHangsUpGivesItsSlotBack() throws Exception {
        HttpClient impatient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            impatient.sendAsync(HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofMillis(50)).build(),
                    HttpResponse.BodyHandlers.ofString()).exceptionally(failure -> null);
        }
        Thread.sleep(100);
        awaitIdle();
        assertThat(client.send(get("/slow"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private void awaitIdle() throws InterruptedException {
        awaitIdle(limit);
    }

    /** A second server on a free port with {@code limit} in front of {@code slow}; answers the URI of /slow. */
    private URI serveSlow(AdmissionLimit limit, Handler<RoutingContext> slow) throws Exception {
        Router router = Router.router(vertx);
        limit.install(router);
        router.route("/slow").handler(slow);
        HttpServer second = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return URI.create("http://127.0.0.1:" + second.actualPort() + "/slow");
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("reached within 10 s").isTrue();
    }

    private static void awaitIdle(AdmissionLimit limit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (limit.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(limit.inFlight()).isZero();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }
}
