package org.ecoplan.notification.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** An integrator's endpoint: a JDK HTTP server on loopback that records what it receives. */
public final class WebhookReceiver implements AutoCloseable {

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;

    public WebhookReceiver() {
        this(0);
    }

    WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new HashMap<>();
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature", "Host", "traceparent", "tracestate")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    headers.put(name.equals("Host") ? "host" : name, value);
                }
            }
            received.add(new Received(Map.copyOf(headers), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        this.port = server.getAddress().getPort();
    }

    int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public record Received(Map<String, String> headers, String body) {
    }
}
