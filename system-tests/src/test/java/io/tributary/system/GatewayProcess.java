package io.tributary.system;

import java.time.Duration;
import java.util.function.IntFunction;

import io.tributary.local.ServiceProcess;

/**
 * One gateway of the stack. Its port is fixed for the life of the stack, so a client keeps its URL
 * across a kill and restart, exactly as a browser behind a load balancer would; the JVM behind the
 * port is replaced each time, and with it the gateway's instance (its presence records carry a new
 * gateway id, and it rebuilds everything else from the topics).
 */
final class GatewayProcess {

    private final String name;
    private final int port;
    private final IntFunction<ServiceProcess> launcher;
    private final Duration startTimeout;
    private ServiceProcess process;

    /**
     * Starts the gateway without waiting for it, so that the stack can start its services in parallel;
     * call {@link #awaitHealthy()} before use.
     *
     * @param launcher starts a gateway JVM on the given port
     */
    GatewayProcess(String name, int port, IntFunction<ServiceProcess> launcher, Duration startTimeout) {
        this.name = name;
        this.port = port;
        this.launcher = launcher;
        this.startTimeout = startTimeout;
        this.process = launcher.apply(port);
    }

    String name() {
        return name;
    }

    /** {@code http://localhost:PORT}, the same before and after a restart. */
    String url() {
        return "http://localhost:" + port;
    }

    GatewayProcess awaitHealthy() {
        process.awaitHealthy(startTimeout);
        return this;
    }

    /**
     * SIGKILL: the gateway's SSE connections drop without a LEFT presence record and its leases are
     * never renewed again, as when its host dies.
     */
    void kill() {
        process.kill();
    }

    /** A new gateway JVM on the same port, after {@link #kill()}; returns when it is healthy. */
    void startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running: kill or restart it");
        }
        process = launcher.apply(port);
        awaitHealthy();
    }

    /** A graceful stop (SIGTERM) and a new JVM on the same port. */
    void restart() {
        process.stop();
        process = launcher.apply(port);
        awaitHealthy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return name + " (" + process + ")";
    }
}
