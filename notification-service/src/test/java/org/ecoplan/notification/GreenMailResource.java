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

    public static synchronized GreenMail server() {
        if (server == null) {
            int port;
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("No free port for the SMTP server", e);
            }
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
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
