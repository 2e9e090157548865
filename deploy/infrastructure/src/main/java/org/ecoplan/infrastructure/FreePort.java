package org.ecoplan.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: a free one for throwaway servers, and whether a fixed one is taken. */
public final class FreePort {

    private FreePort() {
    }

    /** @return a port that was free on 127.0.0.1 a moment ago (the usual, small race applies) */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** @return {@code requested}, or a free port when {@code requested} is 0 */
    public static int orPick(int requested) {
        return requested == 0 ? pick() : requested;
    }

    /** @return true when something accepts connections on 127.0.0.1:{@code port} */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
