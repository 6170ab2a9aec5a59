package io.tributary.gateway.config;

import org.springframework.context.SmartLifecycle;

/**
 * Runs an action when the application stops, in the default (last-started, first-stopped) phase:
 * before the web server's graceful shutdown, which would otherwise wait its whole timeout for SSE
 * streams that never end by themselves.
 */
final class StopHook implements SmartLifecycle {

    private final Runnable action;
    private volatile boolean running;

    StopHook(Runnable action) {
        this.action = action;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        action.run();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
