package io.tributary.ingest.config;

import java.util.UUID;

import io.tributary.ingest.sse.SseLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The ingest service's own settings.
 *
 * @param instanceId names this instance in every STARTED event it writes, as the only writer of
 *     those jobs; empty (the default) picks a random id at each start, so that a restarted instance
 *     is never mistaken for the one that died
 * @param maxRequestSize the largest request body accepted; larger ones answer 413 (default 1 MB)
 * @param maxSseLineSize the longest upstream SSE line kept; a longer line is dropped with its event
 *     (default 512 KB)
 * @param maxSseEventSize the most data one upstream SSE event may carry; a larger event is skipped
 *     and counted (default 512 KB). Keep it well under the producer's {@code max.request.size}
 *     (1 MB by default): a job event larger than that is refused by Kafka, which stops the job
 */
@ConfigurationProperties("tributary.ingest")
public record IngestProperties(
        @DefaultValue("") String instanceId,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("512KB") DataSize maxSseLineSize,
        @DefaultValue("512KB") DataSize maxSseEventSize) {

    public IngestProperties {
        if (instanceId.isBlank()) {
            instanceId = "ingest-" + UUID.randomUUID();
        }
    }

    public SseLimits sseLimits() {
        return new SseLimits(Math.toIntExact(maxSseLineSize.toBytes()), Math.toIntExact(maxSseEventSize.toBytes()));
    }
}
