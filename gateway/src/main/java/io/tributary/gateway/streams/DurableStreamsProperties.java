package io.tributary.gateway.streams;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the gateway serves Durable Streams at {@code /v1/stream/}. Each can be set by environment variable
 * in Spring's relaxed form, e.g. {@code TRIBUTARY_STREAMS_LONG_POLL_TIMEOUT=3s}.
 *
 * @param longPollTimeout how long a long-poll at the tail waits for data before it answers 204, and how
 *     often a quiet SSE response sends a control event; default 20s
 * @param sseReconnect how long one SSE response lasts before it ends and the client resumes from its
 *     last offset (the protocol asks for about a minute, so that proxies and caches see fresh requests);
 *     default 60s
 * @param maxAppend the largest body one append may carry; larger ones are refused with a 413; default
 *     1MB (the topic's records may be up to 2 MiB)
 * @param readChunk about how much one catch-up read returns; a read always returns at least one
 *     append; default 1MB
 * @param writeTimeout how long a write may wait for the broker and for this gateway to apply it before
 *     the request answers 503; default 10s
 * @param linger how long the producer of {@code streams.log} waits for more appends to send in one
 *     request: under load one request then carries many appends (the broker's cost is per request), at
 *     the price of that much latency when idle; default 2ms, as the ingest's
 * @param expirySweep how often the gateway looks for streams whose TTL or expiry time has passed without
 *     a request finding it, and writes their expiry; default 1m
 */
@ConfigurationProperties("tributary.streams")
public record DurableStreamsProperties(
        @DefaultValue("20s") Duration longPollTimeout,
        @DefaultValue("60s") Duration sseReconnect,
        @DefaultValue("1MB") DataSize maxAppend,
        @DefaultValue("1MB") DataSize readChunk,
        @DefaultValue("10s") Duration writeTimeout,
        @DefaultValue("2ms") Duration linger,
        @DefaultValue("1m") Duration expirySweep) {

    public DurableStreamsProperties {
        if (longPollTimeout.toMillis() < 1 || sseReconnect.toMillis() < 1 || writeTimeout.toMillis() < 1
                || expirySweep.toMillis() < 1) {
            throw new IllegalArgumentException("tributary.streams: timeouts must be at least 1ms");
        }
        if (maxAppend.toBytes() < 1 || maxAppend.toBytes() > io.tributary.schema.topic.TopicDefinitions
                .STREAMS_MAX_MESSAGE_BYTES - 64 * 1024) {
            throw new IllegalArgumentException("tributary.streams.max-append must be from 1B to 1984KB");
        }
        if (readChunk.toBytes() < 1) {
            throw new IllegalArgumentException("tributary.streams.read-chunk must be at least 1B");
        }
    }
}
