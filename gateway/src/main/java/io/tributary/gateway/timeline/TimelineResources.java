package io.tributary.gateway.timeline;

import io.micrometer.core.instrument.Timer;
import io.tributary.gateway.sse.JobMessages;
import reactor.core.scheduler.Scheduler;

/**
 * What every timeline of a gateway shares.
 *
 * @param tail the live tail to subscribe to
 * @param history reads of the log by offset
 * @param messages the SSE renderer
 * @param scheduler runs each timeline's work serially on one of its workers; must not be blocked
 * @param viewerBuffer how many messages may wait for one viewer
 * @param deliveries times each live message from the gateway receiving its event to its leaving the
 *     viewer's buffer for the viewer's response (Netty asks for it when the socket takes more)
 */
public record TimelineResources(
        TailSubscriptions tail,
        HistoryReads history,
        JobMessages messages,
        Scheduler scheduler,
        int viewerBuffer,
        Timer deliveries) {
}
