package io.tributary.ingest;

import java.time.Duration;

import org.springframework.test.context.TestPropertySource;

/**
 * The service with short timeouts and quick retries, so that tests can watch them happen: a job
 * times out after 2 s without an upstream byte or after 4 s in all; a refused request is tried up to
 * 4 times, 200 ms apart at first. The classes that extend this share one application context.
 */
@TestPropertySource(properties = {
        "tributary.ingest.instance-id=ingest-short-timeouts-it",
        "tributary.ingest.idle-timeout=2s",
        "tributary.ingest.max-duration=4s",
        "tributary.ingest.timeout-check-interval=100ms",
        "tributary.upstream.retry.max-attempts=4",
        "tributary.upstream.retry.initial-backoff=200ms",
        "tributary.upstream.retry.jitter=0",
})
abstract class AbstractShortTimeoutsIT extends AbstractIngestIT {

    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_DURATION = Duration.ofSeconds(4);
}
