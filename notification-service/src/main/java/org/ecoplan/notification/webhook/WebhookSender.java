package org.ecoplan.notification.webhook;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;

/**
 * POSTs a webhook to an address its target was checked with, never to one of its own finding. Vert.x's
 * client takes the address to connect to ({@link RequestOptions#setServer}) apart from the host the request
 * is for: that host is the Host header, the TLS server name (SNI) and the name the certificate must match,
 * so TLS still proves the receiver's identity while DNS is asked only once, by the policy. Redirects are not
 * followed; each attempt opens its own connection and closes it once the status line is in.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;

    @Inject
    WebhookSender(Vertx vertx) {
        this(vertx, new HttpClientOptions());
    }

    /** @param options the TLS trust (tests trust their own receiver); keep-alive, host check and redirects are set here */
    WebhookSender(Vertx vertx, HttpClientOptions options) {
        this.client = vertx.createHttpClient(new HttpClientOptions(options)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setKeepAlive(false)
                .setMaxRedirects(0)
                // The dispatcher sends the delivery's own traceparent (its CLIENT span in the event's trace); Vert.x'
                // tracing would replace it with one of a new trace, since no request context is current here.
                .setTracingPolicy(TracingPolicy.IGNORE));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Sends one request, to the target's addresses in order until one accepts the connection.
     *
     * @return the receiver's HTTP status
     * @throws ExecutionException with the failure as cause (connection, TLS or protocol)
     * @throws TimeoutException   when no status line came within {@code timeout}; the request is then reset
     */
    public int post(WebhookTarget target, Map<String, String> headers, String body, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        ExecutionException refused = null;
        for (InetAddress address : target.addresses()) {
            try {
                return post(target, address, headers, body, timeout);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    throw e;
                }
                // Nothing was sent: the next checked address may take it.
                refused = e;
            }
        }
        if (refused == null) {
            throw new IllegalArgumentException("a checked target has at least one address: " + target.uri());
        }
        throw refused;
    }

    private int post(WebhookTarget target, InetAddress address, Map<String, String> headers, String body, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        MultiMap all = MultiMap.caseInsensitiveMultiMap().addAll(headers).set(HttpHeaders.HOST, target.authority());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(target.path())
                .setHeaders(all)
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        var status = client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(body);
                })
                .map(response -> {
                    // Only the status counts: a receiver that streams a body forever does not hold the dispatcher.
                    response.request().connection().close();
                    return response.statusCode();
                })
                .toCompletionStage().toCompletableFuture();
        try {
            return status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
            throw e;
        }
    }
}
