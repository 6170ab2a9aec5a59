package io.tributary.ingest;

import org.springframework.test.context.TestPropertySource;

/**
 * The service with small caps, so that tests can reach them cheaply: a job reads at most 2,000
 * upstream events, lines of 24 KB and events of 32 KB; and a caller's own upstream key is used, so
 * that an upstream can echo it. The classes that extend this share one application context.
 */
@TestPropertySource(properties = {
        "tributary.ingest.instance-id=ingest-hostile-upstream-it",
        "tributary.ingest.max-events-per-job=" + AbstractHostileUpstreamIT.MAX_EVENTS,
        "tributary.ingest.max-sse-line-size=24KB",
        "tributary.ingest.max-sse-event-size=32KB",
        "tributary.upstream.allow-client-key=true",
})
abstract class AbstractHostileUpstreamIT extends AbstractIngestIT {

    static final int MAX_EVENTS = 2_000;
    static final int MAX_LINE_BYTES = 24 * 1024;
    static final int MAX_EVENT_BYTES = 32 * 1024;
}
