package io.tributary.gateway.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway serves viewers. Each can be set by environment variable in Spring's relaxed form,
 * e.g. {@code TRIBUTARY_GATEWAY_PING_INTERVAL=15s}.
 *
 * @param pingInterval how often an idle SSE stream gets a {@code : ping} comment, so that proxies and
 *     load balancers do not cut it and a dead socket is noticed; default 15s, as the original had it
 * @param retryHint the {@code retry:} hint sent at the start of each SSE stream: how long an
 *     {@code EventSource} waits before it reconnects; default 2s
 * @param attachWait how long a request for a job the gateway does not know yet waits for it to arrive,
 *     through the live tail's directory of started jobs or on {@code jobs.state}, before answering 404;
 *     a client may attach right after the ingest answered with the jobId, before the gateway has read
 *     the job's start; default 3s
 * @param directoryRetention how long the directory of jobs whose start this gateway's live tail has
 *     read keeps a job; while it does, the job is served from the log alone, whatever the processor is
 *     doing. Later the job is found on {@code jobs.state}; default 1h (a job lasts at most its timeout,
 *     5 minutes by default, so this covers a long processor outage)
 * @param directoryMaxJobs how many jobs that directory holds at most, the least recently started
 *     dropped first; an entry holds no content (about 1 KiB each, an estimate); default 100000
 * @param catchUpReaders how many Kafka consumers (one thread each) read history by offset, for
 *     resumes from old event ids and for the gap between a job's state and the live tail; the bound
 *     on catch-up work, independent of the number of viewers; default 2
 * @param catchUpTimeout how long one catch-up read may take before it fails and the viewer gets a 503;
 *     default 30s
 * @param viewerBuffer how many messages may wait for one slow viewer; when it is full the viewer's
 *     stream is closed (it resumes with its last event id) instead of holding back the others; default 1024
 * @param evictionGrace how long a job's in-memory timeline stays after its last viewer left, so that a
 *     quick reconnect resumes from memory; default 2m
 * @param commandTimeout how long writing a command (abort) to {@code jobs.control} may wait for each of
 *     the cluster's metadata and its acknowledgement before the request answers 503; the abort
 *     request waits for the acknowledgement, so this bounds it (at most about twice this value);
 *     default 5s
 * @param maxStreamsPerUser how many SSE streams one user may hold open on this gateway at once, job
 *     streams and notification feeds together; one more is refused with a 429 and
 *     {@code Retry-After: 1}. A browser tab holds one or two; the bound keeps one user (or one stolen
 *     token) from taking every connection of a gateway; default 20
 */
@ConfigurationProperties("tributary.gateway")
public record GatewayProperties(
        @DefaultValue("15s") Duration pingInterval,
        @DefaultValue("2s") Duration retryHint,
        @DefaultValue("3s") Duration attachWait,
        @DefaultValue("1h") Duration directoryRetention,
        @DefaultValue("100000") long directoryMaxJobs,
        @DefaultValue("2") int catchUpReaders,
        @DefaultValue("30s") Duration catchUpTimeout,
        @DefaultValue("1024") int viewerBuffer,
        @DefaultValue("2m") Duration evictionGrace,
        @DefaultValue("5s") Duration commandTimeout,
        @DefaultValue("20") int maxStreamsPerUser) {

    public GatewayProperties {
        if (catchUpReaders < 1) {
            throw new IllegalArgumentException("tributary.gateway.catch-up-readers must be at least 1");
        }
        if (viewerBuffer < 1) {
            throw new IllegalArgumentException("tributary.gateway.viewer-buffer must be at least 1");
        }
        if (pingInterval.isZero() || pingInterval.isNegative()) {
            throw new IllegalArgumentException("tributary.gateway.ping-interval must be positive");
        }
        if (commandTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("tributary.gateway.command-timeout must be at least 1ms");
        }
        if (directoryRetention.isNegative() || directoryMaxJobs < 0) {
            throw new IllegalArgumentException(
                    "tributary.gateway.directory-retention and directory-max-jobs must not be negative");
        }
        if (maxStreamsPerUser < 1) {
            throw new IllegalArgumentException("tributary.gateway.max-streams-per-user must be at least 1");
        }
    }
}
