package io.tributary.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child of the stack kept running: when it exits while the stack is not stopping, the exit is
 * logged with the end of its log, and the child is started again after a backoff ({@link
 * RestartBackoff}), as often as it takes. So a user can SIGKILL a service and watch the rest of the
 * stack survive it. Stopping it stops the current process and cancels a restart that is waiting.
 */
final class RestartingChild {

    private static final Logger log = LoggerFactory.getLogger(RestartingChild.class);
    private static final int TAIL_LINES = 20;

    /** A started child as the supervisor sees it. */
    interface Running {
        CompletableFuture<?> onExit();

        int exitValue();

        String logTail(int lines);

        void stop();

        static Running of(ServiceProcess service) {
            return of(service.onExit(), service::exitValue, service::logTail, service::stop);
        }

        static Running of(LocalBroker broker) {
            ChildProcess process = broker.process();
            return of(process.onExit(), process::exitValue, process::logTail, broker::stop);
        }

        private static Running of(CompletableFuture<?> exit, IntSupplier exitValue, IntFunction<String> logTail,
                Runnable stop) {
            return new Running() {
                @Override
                public CompletableFuture<?> onExit() {
                    return exit;
                }

                @Override
                public int exitValue() {
                    return exitValue.getAsInt();
                }

                @Override
                public String logTail(int lines) {
                    return logTail.apply(lines);
                }

                @Override
                public void stop() {
                    stop.run();
                }
            };
        }
    }

    private final String name;
    private final Supplier<Running> starter;
    private final RestartBackoff backoff;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private @Nullable Running current;
    private @Nullable ScheduledFuture<?> pending;
    private Instant startedAt;
    private int failures;
    private int restarts;
    private boolean stopped;

    /**
     * @param running the child as it was first started (and found healthy)
     * @param starter starts it again
     */
    RestartingChild(String name, Running running, Supplier<Running> starter, RestartBackoff backoff,
            ScheduledExecutorService timer, Clock clock) {
        this.name = name;
        this.starter = starter;
        this.backoff = backoff;
        this.timer = timer;
        this.clock = clock;
        this.startedAt = clock.instant();
        watch(running);
    }

    /** How many times it was started again. */
    synchronized int restarts() {
        return restarts;
    }

    synchronized void stop() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
        }
        if (current != null) {
            current.stop();
        }
    }

    private synchronized void watch(Running running) {
        current = running;
        running.onExit().thenRun(() -> exited(running));
    }

    private synchronized void exited(Running running) {
        if (stopped || running != current) {
            return;
        }
        Duration up = Duration.between(startedAt, clock.instant());
        failures = up.compareTo(backoff.stableAfter()) >= 0 ? 1 : failures + 1;
        Duration delay = backoff.delay(failures);
        log.error("{} exited unexpectedly with code {} after {} s; restarting it in {} ms. Last lines of its log:{}{}",
                name, running.exitValue(), up.toSeconds(), delay.toMillis(), System.lineSeparator(),
                running.logTail(TAIL_LINES));
        pending = timer.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        Running started;
        try {
            started = starter.get();
        } catch (RuntimeException e) {
            log.error("{} could not be started again: {}", name, e.getMessage());
            synchronized (this) {
                failures++;
                pending = timer.schedule(this::restart, backoff.delay(failures).toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        }
        synchronized (this) {
            restarts++;
            startedAt = clock.instant();
            log.info("{} started again (restart {})", name, restarts);
            if (stopped) {
                started.stop();
                return;
            }
            watch(started);
        }
    }
}
