package io.tributary.ingest.config;

import java.time.Duration;
import java.util.UUID;

import io.tributary.ingest.sse.SseLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The ingest service's own settings.
 *
 * @param instanceId names this instance in every STARTED event it writes, as the only writer of
 *     those jobs, and keys its liveness lease. Every start gets an id of its own: empty (the default)
 *     is {@code ingest-<uuid>}; a configured name (a pod's name, {@code local-ingest-service}) gets
 *     {@code -<8 random hex digits>} appended. Why: a restart under the same name within the lease
 *     (a StatefulSet pod, the local runner's restart after 1 s) would otherwise renew the dead
 *     process's lease, and the processor would never end that process's jobs as orphans
 * @param maxRequestSize the largest request body accepted; larger ones answer 413 (default 1 MB)
 * @param maxSseLineSize the longest upstream SSE line kept; a longer line is dropped with its event
 *     (default 512 KB)
 * @param maxSseEventSize the most data one upstream SSE event may carry; a larger event is skipped
 *     and counted (default 512 KB). Keep it well under the producer's {@code max.request.size}
 *     (1 MB by default): a job event larger than that is refused by Kafka, which stops the job
 * @param maxEventsPerJob the most upstream events one job reads (data events, comments and oversized
 *     events alike) and the most events it writes before its terminal one (default 100,000); past
 *     either, the upstream is cut off and the job ends FAILED(INVALID_UPSTREAM_DATA) "The upstream
 *     sent more than 100000 events" with its content so far. A long answer is a few thousand chunks
 *     (five minutes of a fast model at 100 chunks a second is 30,000), so only a flood reaches it:
 *     it bounds the parsing work and the log space one job can take
 * @param maxDuration the longest a job may run, foreground or background (default 5 minutes, as
 *     the original API); then its upstream is cancelled and it ends FAILED(TIMEOUT) "Job timed out"
 *     with its content so far
 * @param idleTimeout how long a job may hear nothing at all from its upstream, not even an SSE
 *     comment, before it times out the same way (default 60 s). Why 60 s: a provider that is alive
 *     but slow keeps its stream open with comments (OpenRouter sends {@code : OPENROUTER PROCESSING}
 *     "to prevent connection timeouts"), because the proxies on the way (nginx's
 *     {@code proxy_read_timeout}, cloud load balancers' idle timeout) close a connection silent for
 *     60 s by default. So a stream silent that long would not survive anyway, and waiting longer only
 *     keeps a dead job's place; a shorter limit would cut slow first tokens of providers that send no
 *     keep-alive
 * @param timeoutCheckInterval how often running jobs are checked against both timeouts (default 1 s):
 *     a timeout ends a job at most this late
 * @param captureRaw whether every job event also keeps the upstream bytes received since the job's
 *     previous event, exactly as they came (default false), so that {@code GET /api/jobs/{id}/raw}
 *     gives the provider's stream back for audits and incident review. What it costs: each event
 *     carries its upstream chunk (some 200 to 600 bytes of JSON for a delta of a few characters), so
 *     {@code jobs.deltas} grows several times over and so do the reads of every consumer of it
 */
@ConfigurationProperties("tributary.ingest")
public record IngestProperties(
        @DefaultValue("") String instanceId,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("512KB") DataSize maxSseLineSize,
        @DefaultValue("512KB") DataSize maxSseEventSize,
        @DefaultValue("100000") long maxEventsPerJob,
        @DefaultValue("5m") Duration maxDuration,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("1s") Duration timeoutCheckInterval,
        @DefaultValue("false") boolean captureRaw) {

    public IngestProperties {
        if (maxEventsPerJob < 1) {
            throw new IllegalArgumentException("tributary.ingest.max-events-per-job must be at least 1");
        }
        instanceId = instanceId.isBlank()
                ? "ingest-" + UUID.randomUUID()
                : instanceId + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public SseLimits sseLimits() {
        return new SseLimits(Math.toIntExact(maxSseLineSize.toBytes()), Math.toIntExact(maxSseEventSize.toBytes()));
    }
}
