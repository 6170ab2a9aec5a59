package io.tributary.gateway.api;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.tributary.gateway.kafka.ReadBackWriter;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.topic.RecordKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Writes a user's mute of a thread to {@code threads.prefs}, where the processor reads it before it
 * notifies; the answer waits until this gateway's replica has read it back, so a GET that follows
 * shows it. Kafka not taking it in time is a 503; nothing is retried behind the user's back.
 */
final class ThreadMutes {

    private static final Logger log = LoggerFactory.getLogger(ThreadMutes.class);

    private final ReadBackWriter<ThreadPreference> writer;
    private final Clock clock;

    ThreadMutes(ReadBackWriter<ThreadPreference> writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    Mono<Boolean> set(String userId, String threadId, boolean muted) {
        ThreadPreference preference = ThreadPreference.newBuilder()
                .setUserId(userId)
                .setThreadId(threadId)
                .setMuted(muted)
                .setUpdatedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .build();
        return writer.write(RecordKeys.thread(userId, threadId), preference)
                .thenReturn(muted)
                .onErrorMap(error -> {
                    log.warn("Mute of thread {} by user {} could not be written and read back", threadId, userId,
                            error);
                    return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                            "The thread preference could not be saved right now; retry");
                });
    }
}
