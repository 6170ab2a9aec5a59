package io.tributary.ingest.lease;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The instance's liveness lease on {@code ingest.leases}. The processor ends the jobs of an
 * instance (FAILED, interrupted) only after its lease has expired, so the duration bounds how long
 * the jobs of a crashed instance stay "streaming"; and the instance stops writing by itself
 * {@code safety-margin} before the last lease it got acknowledged expires.
 *
 * @param renewInterval how often the lease is renewed (default 2 s); several renewals fit in one
 *     lease, so a few lost ones change nothing
 * @param duration how long a lease is valid after it was written (default 30 s): the longest the
 *     jobs of a crashed instance wait before the processor may end them. Why 30 s: it must outlast a
 *     broker failover, during which no renewal can be acknowledged. Kafka fences a dead or frozen
 *     broker after {@code broker.session.timeout.ms} (9 s) and then elects new leaders; with a 10 s
 *     lease every running job of every instance was ended by a single broker's SIGKILL (the fault
 *     suite, FAULTS.md)
 * @param safetyMargin how long before its acknowledged lease expires an instance that could not
 *     renew stops writing; unset (the default), a fifth of the duration: 6 s for 30 s. It covers the
 *     difference between this host's clock and the processor's, a late timer (a GC pause), and
 *     events already on their way to the broker
 */
@ConfigurationProperties("tributary.ingest.lease")
public record LeaseProperties(
        @DefaultValue("2s") Duration renewInterval,
        @DefaultValue("30s") Duration duration,
        @Nullable Duration safetyMargin) {

    /** The share of the duration that is the safety margin when none is set. */
    private static final int DEFAULT_MARGIN_DIVISOR = 5;

    public LeaseProperties {
        if (safetyMargin == null) {
            safetyMargin = duration.dividedBy(DEFAULT_MARGIN_DIVISOR);
        }
        if (renewInterval.isNegative() || renewInterval.isZero()) {
            throw new IllegalArgumentException("tributary.ingest.lease.renew-interval must be positive");
        }
        if (safetyMargin.isNegative() || safetyMargin.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("tributary.ingest.lease.safety-margin must be at least 0 and "
                    + "shorter than tributary.ingest.lease.duration");
        }
        if (renewInterval.compareTo(duration.minus(safetyMargin)) >= 0) {
            throw new IllegalArgumentException("tributary.ingest.lease.renew-interval must be shorter than the "
                    + "lease duration less its safety margin, or the instance would stop itself between two renewals");
        }
    }

    /** The margin, set or derived; never null once constructed. */
    @Override
    public Duration safetyMargin() {
        return Objects.requireNonNull(safetyMargin);
    }

    /** How long an instance may write after its last acknowledged renewal was written. */
    public Duration writableFor() {
        return duration.minus(safetyMargin);
    }
}
