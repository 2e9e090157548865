package org.ecoplan.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An integrator's webhook endpoint on 127.0.0.1 (JDK HttpServer). It checks every request the way the README
 * tells receivers to: {@code key = base64decode(secret without "whsec_")}, {@code expected = "v1," +
 * base64(HMAC_SHA256(key, webhook-id + "." + webhook-timestamp + "." + raw body))} among the space-separated
 * signatures, the timestamp within 5 minutes. A valid request gets 204; an invalid one 400 (and is recorded as
 * such, so the test fails). Everything received is kept, retries included: de-duplication by webhook-id is the
 * test's business.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ObjectMapper mapper;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile byte[] key;

    WebhookReceiver(ObjectMapper mapper) throws IOException {
        this.mapper = mapper;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/hooks", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
    }

    /** The subscription's secret ({@code whsec_…}), returned once when subscribing. */
    void secret(String secret) {
        if (!secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("Not a Standard Webhooks secret: " + secret);
        }
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            String body = new String(raw, StandardCharsets.UTF_8);
            String problem = check(id, timestamp, signatures, body);
            JsonNode json = null;
            try {
                json = mapper.readTree(body);
            } catch (IOException e) {
                problem = problem != null ? problem : "body is not JSON";
            }
            received.add(new Received(id, json == null ? null : json.path("eventId").asText(null),
                    json == null ? null : json.path("type").asText(null), json, problem, Instant.now()));
            exchange.sendResponseHeaders(problem == null ? 204 : 400, -1);
        }
    }

    private String check(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            return "webhook-id, webhook-timestamp or webhook-signature missing";
        }
        byte[] secret = key;
        if (secret == null) {
            return "no secret known yet";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number: " + timestamp;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), Instant.now()).abs().compareTo(TOLERANCE) > 0) {
            return "webhook-timestamp " + timestamp + " is more than 5 minutes away";
        }
        byte[] expected = ("v1," + sign(secret, id + "." + timestamp + "." + body)).getBytes(StandardCharsets.US_ASCII);
        for (String signature : signatures.trim().split(" ")) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return "no valid signature among " + signatures;
    }

    static String sign(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * One request as received.
     *
     * @param problem why its signature or shape is wrong; null when it is valid
     */
    record Received(String webhookId, String eventId, String type, JsonNode body, String problem, Instant at) {
        boolean valid() {
            return problem == null;
        }
    }
}
