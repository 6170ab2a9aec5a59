package io.tributary.ingest.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.tributary.ingest.job.InstanceLiveness;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.LeaseStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this instance's liveness lease on {@code ingest.leases}: an ALIVE lease (key: the instance
 * id) when it starts and every renew interval, valid for the lease duration; a STOPPED lease when
 * it has shut down in order ({@link #release}). A lease counts only once the broker acknowledged it.
 *
 * <p><b>Self-fencing.</b> The processor may end this instance's jobs once its lease has expired, so
 * this instance must have stopped writing by then. Every acknowledged renewal sets a fence time:
 * the lease's expiry less the safety margin. When a fence time passes without a newer
 * acknowledgement, the instance fences itself: it ends all its jobs locally without writing a thing
 * (upstreams cancelled), drops the job events not yet sent, and logs it loudly. The check runs on a
 * timer set to the fence time, and before every event a job writes ({@link #mayWrite}), so a late
 * timer cannot let an event through.
 *
 * <p>A fenced instance id is never renewed again: the processor must see its lease expire to end
 * those jobs, even when the broker comes back a moment later. The instance goes on under a new
 * incarnation of its id ({@code <id>-2}, ...), and starts jobs again once that one's lease is
 * acknowledged; until then starts are refused (503).
 */
public final class LeasePublisher implements InstanceLiveness, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeasePublisher.class);

    private final String baseInstanceId;
    private final LeaseWriter writer;
    private final LeaseProperties properties;
    private final Clock clock;
    private final Consumer<String> fenceJobsOf;
    private final LeaseMetrics metrics;

    /** What is held now; replaced whole, under {@code this}, so readers need no lock. */
    private volatile Holding holding;
    private int incarnation = 1;
    private boolean renewalInFlight;
    private boolean released;
    private @Nullable ScheduledExecutorService timer;
    private @Nullable ScheduledFuture<?> renewals;
    private @Nullable ScheduledFuture<?> fenceTimer;
    private volatile CompletableFuture<Void> firstAcknowledgement = new CompletableFuture<>();
    /**
     * Held while a lease is handed to the writer (never while waiting for its acknowledgement), so
     * that a renewal begun before {@link #release} reaches the log before the STOPPED lease, never after.
     */
    private final Object sendOrder = new Object();

    /**
     * @param fenceJobsOf ends, without writing, every job running under the given instance id, and
     *     drops their events not yet sent
     */
    public LeasePublisher(String instanceId, LeaseWriter writer, LeaseProperties properties, Clock clock,
            Consumer<String> fenceJobsOf, LeaseMetrics metrics) {
        this.baseInstanceId = instanceId;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
        this.fenceJobsOf = fenceJobsOf;
        this.metrics = metrics;
        this.holding = new Holding(instanceId, null);
        metrics.watch(this);
    }

    /**
     * The instance id and, while a lease is held, the moment this instance must stop writing.
     *
     * @param fenceAt null while no acknowledged lease is held under this id
     */
    private record Holding(String instanceId, @Nullable Instant fenceAt) {

        boolean validAt(Instant now) {
            return fenceAt != null && now.isBefore(fenceAt);
        }
    }

    @Override
    public Optional<String> activeInstanceId() {
        Holding now = holding;
        return now.validAt(clock.instant()) ? Optional.of(now.instanceId()) : Optional.empty();
    }

    @Override
    public boolean mayWrite(String instanceId) {
        Holding now = holding;
        return now.instanceId().equals(instanceId) && now.validAt(clock.instant());
    }

    /** The id the lease is renewed under now. */
    public String instanceId() {
        return holding.instanceId();
    }

    /**
     * Writes the first lease and waits (at most as long as a lease lets this instance write) for
     * its acknowledgement, so that the instance can take jobs as soon as it serves; then renews
     * every renew interval. Without an acknowledgement the instance starts anyway and refuses jobs
     * until a renewal gets through.
     */
    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.renewInterval().toMillis();
        synchronized (this) {
            if (timer != null) {
                started.shutdown();
                return;
            }
            if (released) {
                // Started again after a stop (a paused context): the id given up stays given up.
                released = false;
                renewalInFlight = false;
                incarnation++;
                holding = new Holding(baseInstanceId + "-" + incarnation, null);
                firstAcknowledgement = new CompletableFuture<>();
            }
            timer = started;
            renewals = started.scheduleAtFixedRate(this::renewOrLog, 0, every, TimeUnit.MILLISECONDS);
        }
        try {
            firstAcknowledgement.get(properties.writableFor().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Liveness lease of {} acknowledged; renewed every {} ms, valid {} ms", instanceId(), every,
                    properties.duration().toMillis());
        } catch (TimeoutException | ExecutionException e) {
            log.warn("No liveness lease acknowledged yet for {}; jobs are refused until one is", instanceId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One renewal: first fences if the lease is about to expire, then writes a new lease unless one is on its way. */
    void renew() {
        fenceIfExpiring();
        InstanceLease lease;
        CompletableFuture<?> written;
        synchronized (sendOrder) {
            synchronized (this) {
                if (released || renewalInFlight) {
                    return;
                }
                renewalInFlight = true;
                Instant now = clock.instant();
                lease = lease(holding.instanceId(), LeaseStatus.ALIVE, now, now.plus(properties.duration()));
            }
            try {
                written = writer.write(lease);
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e);
            }
        }
        written.whenComplete((result, error) -> acknowledged(lease, error));
    }

    private void renewOrLog() {
        try {
            renew();
        } catch (RuntimeException e) {
            // A renewal that fails must not end the periodic task; the fence time still protects the jobs.
            log.error("Renewing the liveness lease failed", e);
        }
    }

    private void acknowledged(InstanceLease lease, @Nullable Throwable error) {
        Instant fenceAt = lease.getExpiresAt().minus(properties.safetyMargin());
        boolean first = false;
        synchronized (this) {
            renewalInFlight = false;
            if (error != null) {
                metrics.renewalFailed();
                log.warn("Could not renew the liveness lease of {} (valid until {}): {}", lease.getInstanceId(),
                        holding.fenceAt(), error.toString());
                return;
            }
            metrics.renewed();
            Instant now = clock.instant();
            if (released || !holding.instanceId().equals(lease.getInstanceId()) || !now.isBefore(fenceAt)) {
                // Late: written under a fenced id, or acknowledged after it was no use any more.
                return;
            }
            first = holding.fenceAt() == null;
            holding = new Holding(lease.getInstanceId(), fenceAt);
            scheduleFenceCheck(Duration.between(now, fenceAt));
        }
        if (first) {
            log.info("Liveness lease acquired: {} may write until {} unless renewed", lease.getInstanceId(), fenceAt);
        }
        firstAcknowledgement.complete(null);
    }

    private void scheduleFenceCheck(Duration in) {
        if (fenceTimer != null) {
            fenceTimer.cancel(false);
        }
        if (timer != null) {
            fenceTimer = timer.schedule(this::fenceOnTime, Math.max(0, in.toNanos()), TimeUnit.NANOSECONDS);
        }
    }

    /** The fence timer: a timer may fire a little early by the clock, so it checks again until the time has come. */
    private void fenceOnTime() {
        if (fenceIfExpiring()) {
            return;
        }
        synchronized (this) {
            Instant fenceAt = holding.fenceAt();
            if (fenceAt != null && !released) {
                Duration left = Duration.between(clock.instant(), fenceAt);
                scheduleFenceCheck(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
            }
        }
    }

    /** Fences the instance if its fence time has passed; returns whether it did. */
    boolean fenceIfExpiring() {
        String fenced;
        String next;
        Duration untilExpiry;
        synchronized (this) {
            Holding now = holding;
            Instant at = clock.instant();
            if (now.fenceAt() == null || now.validAt(at)) {
                return false;
            }
            fenced = now.instanceId();
            untilExpiry = Duration.between(at, now.fenceAt().plus(properties.safetyMargin()));
            incarnation++;
            next = baseInstanceId + "-" + incarnation;
            holding = new Holding(next, null);
        }
        log.error("SELF-FENCING: the liveness lease of {} could not be renewed and expires in {} ms. Ending all its "
                + "jobs without writing anything more; the processor ends them (interrupted) once the lease has "
                + "expired. Going on as {} once a lease for it is acknowledged", fenced, untilExpiry.toMillis(), next);
        metrics.fenced();
        fenceJobsOf.accept(fenced);
        return true;
    }

    /**
     * Gives the lease up: no renewal any more, nothing may be written any more, and a STOPPED lease
     * that expires at once. Call it after this instance's jobs have ended and their events are on
     * the log: from then on the processor may end any job still open under this id.
     */
    public void release() {
        InstanceLease stopped;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            cancelTimers();
            holding = new Holding(holding.instanceId(), null);
            Instant now = clock.instant();
            stopped = lease(holding.instanceId(), LeaseStatus.STOPPED, now, now);
        }
        try {
            CompletableFuture<?> written;
            synchronized (sendOrder) {
                written = writer.write(stopped);
            }
            written.get(properties.duration().toMillis(), TimeUnit.MILLISECONDS);
            log.info("Liveness lease of {} given up (STOPPED)", stopped.getInstanceId());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not write the STOPPED lease of {}; it expires at its own time: {}",
                    stopped.getInstanceId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops renewing, after {@link #release}; without it (the shutdown did not get that far) the
     * lease expires at its own time, and this id is not renewed again either.
     */
    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            cancelTimers();
            stopping = timer;
            timer = null;
            if (!released) {
                released = true;
                holding = new Holding(holding.instanceId(), null);
            }
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Starts before the web server takes requests, stops after it and after the jobs have ended. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void cancelTimers() {
        if (renewals != null) {
            renewals.cancel(false);
            renewals = null;
        }
        if (fenceTimer != null) {
            fenceTimer.cancel(false);
            fenceTimer = null;
        }
    }

    private static InstanceLease lease(String instanceId, LeaseStatus status, Instant renewedAt, Instant expiresAt) {
        return InstanceLease.newBuilder()
                .setInstanceId(instanceId)
                .setStatus(status)
                .setRenewedAt(renewedAt)
                .setExpiresAt(expiresAt)
                .build();
    }
}
