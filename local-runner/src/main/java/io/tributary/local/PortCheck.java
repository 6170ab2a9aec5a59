package io.tributary.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Checks that the stack's ports are free before anything starts, so that a stack left running (or another
 * program) gives one clear message instead of a half-started stack or, worse, a readiness check that
 * succeeds against someone else's broker.
 */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(Map<String, Integer> ports) {
        StringBuilder busy = new StringBuilder();
        ports.forEach((name, port) -> {
            if (!isFree(port)) {
                busy.append(System.lineSeparator()).append("  ").append(port).append(" (").append(name).append(')');
            }
        });
        if (!busy.isEmpty()) {
            throw new ServiceStartException("These ports are in use (is the stack already running?):" + busy
                    + System.lineSeparator() + "Stop what uses them, or choose other ports (see --help).");
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
