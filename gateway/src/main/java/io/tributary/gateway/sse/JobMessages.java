package io.tributary.gateway.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.tributary.schema.JobState;

/**
 * The bytes the gateway writes: SSE messages of a job and the status endpoint's JSON.
 *
 * <p>Each message is an unnamed event, so that the original's {@code EventSource.onmessage} clients
 * receive it: an {@code id:} line with the seq of the last event it includes and a single
 * {@code data:} line holding {@code {"event": ..., "status": {...}}}. The JSON never holds a raw line
 * end ({@link SseSafeEscapes}), so content can never start a new SSE field. A message is rendered once
 * per job and its bytes are shared by every viewer.
 */
public final class JobMessages {

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Named, so that {@code onmessage} clients never take it for a job message; no {@code id:}, so it moves no cursor. */
    private static final byte[] TOKEN_EXPIRED = "event: token-expired\ndata: {\"error\":\"The token has expired\"}\n\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final JobJson json;
    private final StatusBodies bodies;

    public JobMessages(JobJson json) {
        this.json = json;
        this.bodies = new StatusBodies(json);
    }

    /**
     * The first message of a fresh attach: the job so far, content included.
     *
     * @param id the seq of the last event the snapshot includes, from which a resume continues
     */
    public byte[] snapshot(long id, JobState state) {
        return frame(id, SseMessage.SNAPSHOT, bodies.full(state));
    }

    /** The first message of an attach with a character offset; see {@link StatusBodies#fromOffset}. */
    public byte[] snapshotFrom(long id, JobState state, long offset) {
        return frame(id, SseMessage.SNAPSHOT, bodies.fromOffset(state, offset));
    }

    /** The message of a non-terminal event. */
    public byte[] delta(JobHeader header, DeltaFacts facts) {
        return frame(facts.seq(), SseMessage.DELTA, bodies.delta(header, facts));
    }

    /** The message of the terminal event: the final status with the whole content. */
    public byte[] status(JobState state) {
        return frame(state.getSeq(), SseMessage.STATUS, bodies.full(state));
    }

    /** The status endpoint's answer. */
    public byte[] statusJson(JobState state) {
        return utf8(json.write(bodies.full(state)));
    }

    /** The status endpoint's answer to a reader that holds the content up to an offset. */
    public byte[] statusJson(JobState state, long offset) {
        return utf8(json.write(bodies.fromOffset(state, offset)));
    }

    /** The list endpoint's answer: the jobs without their content, in the order given. */
    public byte[] summariesJson(List<JobState> states) {
        return utf8(json.write(states.stream().map(bodies::summary).toList()));
    }

    /** The comment that keeps an idle stream alive. */
    public static byte[] ping() {
        return PING.clone();
    }

    /** The last message of a stream whose authorizing token has expired; the stream ends after it. */
    public static byte[] tokenExpired() {
        return TOKEN_EXPIRED.clone();
    }

    /** The reconnection delay hint an {@code EventSource} applies. */
    public static byte[] retry(Duration delay) {
        return ("retry: " + delay.toMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] frame(long id, String event, Object body) {
        String data = json.write(new SseMessage(event, body));
        return utf8("id: " + id + "\ndata: " + data + "\n\n");
    }

    /** Exact: the JSON holds no unpaired surrogate, so there is nothing the encoder could replace. */
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
