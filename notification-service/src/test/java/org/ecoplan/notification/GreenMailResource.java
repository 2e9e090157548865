package org.ecoplan.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) on a free loopback port, for the whole test JVM; the service's mailer is
 * pointed at it. Tests read what arrived through {@link #server()}.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail server;

    private static int port;

    public static synchronized GreenMail server() {
        if (server == null) {
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("No free port for the SMTP server", e);
            }
            server = startOn(port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopServer()));
        }
        return server;
    }

    /** The SMTP server goes away (connections to its port are refused) until {@link #restartServer()}. */
    public static synchronized void stopServer() {
        if (server != null && server.isRunning()) {
            server.stop();
        }
    }

    /** A new server on the same port, as the mailer is configured; what the old one received is gone. */
    public static synchronized GreenMail restartServer() {
        server();
        stopServer();
        server = startOn(port);
        return server;
    }

    private static GreenMail startOn(int port) {
        GreenMail started = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        started.start();
        return started;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mailer.port", Integer.toString(server().getSmtp().getPort()));
    }

    @Override
    public void stop() {
        // Kept for the next application start in this JVM; the shutdown hook stops it.
    }
}
