package org.ecoplan.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * The pinned connection at the TLS level: an HTTPS receiver on 127.0.0.1 with a certificate for
 * {@code receiver.example.test}, reached through a target whose checked address is 127.0.0.1. What the
 * receiver sees (SNI, Host) and what the sender verifies (the certificate's name) is the URL's host, never
 * the address it connected to.
 */
class WebhookSenderTest {

    private static final String NAME = "receiver.example.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path keys;

    private static Vertx vertx;
    private static HttpsServer server;
    private static WebhookSender sender;
    private static final List<String> serverNames = new CopyOnWriteArrayList<>();
    private static final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startReceiver() throws Exception {
        // A key pair and self-signed certificate for the receiver's name, made by the JDK's own keytool.
        Path store = keys.resolve("receiver.p12");
        Path pem = keys.resolve("receiver.pem");
        keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + NAME, "-ext", "SAN=dns:" + NAME, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "receiver", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(store.toFile())) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/hooks", exchange -> {
            var session = (ExtendedSSLSession) ((HttpsExchange) exchange).getSSLSession();
            session.getRequestedServerNames().forEach(name -> serverNames.add(((SNIHostName) name).getAsciiName()));
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://" + NAME + ":" + port() + "/hooks");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();

        vertx = Vertx.vertx();
        sender = new WebhookSender(vertx, new HttpClientOptions().setTrustOptions(new PemTrustOptions().addCertPath(pem.toString())));
    }

    @AfterAll
    static void stop() {
        sender.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.stop(0);
    }

    @Test
    void connectsToTheCheckedAddressWithTheUrlsNameForSniHostAndCertificate() throws Exception {
        serverNames.clear();
        hosts.clear();
        int status = sender.post(target(NAME, "/hooks", "127.0.0.1"), Map.of("content-type", "application/json"), "{}", TIMEOUT);
        assertEquals(204, status);
        assertThat(serverNames).containsExactly(NAME);
        assertThat(hosts).containsExactly(NAME + ":" + port());
    }

    @Test
    void refusesAReceiverWhoseCertificateIsNotForTheUrlsName() {
        ExecutionException failure = assertThrows(ExecutionException.class, () ->
                sender.post(target("other.example.test", "/hooks", "127.0.0.1"), Map.of(), "{}", TIMEOUT));
        assertThat(failure.getCause()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void triesTheNextCheckedAddressWhenOneRefusesTheConnection() throws Exception {
        // 127.0.0.2 is loopback too, but nothing listens there on the receiver's port.
        hosts.clear();
        int status = sender.post(target(NAME, "/hooks", "127.0.0.2", "127.0.0.1"), Map.of(), "{}", TIMEOUT);
        assertEquals(204, status);
        assertThat(hosts).hasSize(1);
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        hosts.clear();
        assertEquals(302, sender.post(target(NAME, "/moved", "127.0.0.1"), Map.of(), "{}", TIMEOUT));
        assertThat(hosts).isEmpty();
    }

    private static WebhookTarget target(String name, String path, String... addresses) throws IOException {
        List<InetAddress> checked = new java.util.ArrayList<>();
        for (String address : addresses) {
            checked.add(InetAddress.getByName(address));
        }
        String authority = name + ":" + port();
        return new WebhookTarget(URI.create("https://" + authority + path), name, authority, port(), true, path, checked);
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        if (!Files.exists(Path.of(arguments[arguments.length - 1])) && arguments[0].equals("-exportcert")) {
            throw new IllegalStateException("keytool wrote no certificate: " + output);
        }
    }
}
