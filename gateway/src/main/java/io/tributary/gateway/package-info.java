/**
 * Tributary's gateway: the read side. It answers a job's status and serves its SSE stream to any
 * number of viewers, from the log, exactly from any point; it lists a user's jobs and delivers a
 * user's abort to the ingest instance that runs the job.
 *
 * <h2>Design</h2>
 *
 * <p><b>Three kinds of Kafka readers, a fixed number of each</b> ({@code kafka}). None uses a consumer
 * group or commits offsets: the gateway holds no state Kafka does not hold, and a restarted gateway
 * rebuilds everything from the topics.
 * <ul>
 * <li>{@code JobStateView}: one consumer of all of {@code jobs.state}, from the beginning; the latest
 *     state of every job in a map, indexed by user for the job list. The gateway is healthy (and
 *     answers 404) only once it has read what the topic held at start-up.</li>
 * <li>{@code LiveTail}: one consumer of all of {@code jobs.deltas}, from the end, on its own thread. It
 *     hands each record to the timeline of its job if one is open here, and skips the others undecoded,
 *     except a job's {@code STARTED} event (told by its record header), which enters the
 *     {@code JobDirectory}. Viewers never add consumers.</li>
 * <li>{@code CatchUpReader}: a small pool of consumers that read one partition from an offset up to a
 *     bound, for history the tail does not hold.</li>
 * </ul>
 * The two long-lived readers share one {@code PollingThread}: a daemon thread that polls until
 * stopped, backs off after a failed poll, and is stopped with a wakeup and a bounded join.
 * *
 * <p><b>The processor is not on the viewer's path.</b> A job whose start this gateway's tail has read is
 * in its {@code JobDirectory}, with that event's log position: it can be attached, streamed, resumed,
 * aborted and given a stream token at once, from the log alone, whether the processor has folded it or
 * is down. {@code jobs.state} is the source for the jobs the tail has not seen start (older ones, and all
 * of them after a restart), and its later snapshot is preferred when both know a job. Status and abort
 * decide on the freshest source: a timeline open here (current to the log), or one opened for a job
 * {@code jobs.state} does not have yet; otherwise {@code jobs.state}.
 *
 * <p><b>One timeline per job</b> ({@code timeline}), shared by the job's viewers on this gateway. It
 * starts from the job's snapshot (on {@code jobs.state}, or the directory's entry made from the start),
 * which records the seq and the log position of the last event it folded. Snapshot and log are joined exactly: subscribe to the tail, which tells its
 * position {@code P} in the job's partition; read {@code [snapshot offset + 1, P)} with a catch-up
 * reader while holding back the tail's records; apply both in that order, dropping by seq what is
 * already there. This is also how a gateway that started in the middle of a job, with its tail at the
 * end of the log, gets the job's events that came before. Events fold with the shared
 * {@code JobFold}; every event after the snapshot becomes exactly one SSE message (id = seq), rendered
 * once and shared as bytes by all viewers. A resume from an event id older than the snapshot reads the
 * job from its first event ({@code firstPosition}) and folds it from scratch, once. A timeline nobody
 * holds is evicted after a grace period.
 *
 * <p><b>Viewers cost a buffer, never a thread or a consumer.</b> All work of a timeline runs serially
 * on a worker of a small scheduler (an actor); the tail, the catch-up readers and the HTTP threads only
 * enqueue. A viewer's history is sent as Netty asks for it; live messages go into the viewer's bounded
 * buffer. A viewer whose buffer fills is too slow: its stream ends after what is buffered and the
 * client resumes with its last event id, while the tail and the other viewers go on unaffected. A closed
 * socket cancels the viewer's chain, which frees its buffer and releases its timeline at once.
 *
 * <p><b>The stream</b> ({@code api}, {@code sse}). Cursor precedence: {@code Last-Event-ID} header, then
 * {@code lastEventId}/{@code last_event_id}, then {@code offset}. An event id gives exactly the events
 * after it; no cursor or an offset gives a snapshot first. Each message is one unnamed event with an
 * {@code id:} line and a single {@code data:} line of JSON that can hold no raw line end. A finished job
 * whose terminal id the client has answers 204; bad cursors answer 400 before the stream starts.
 * Payloads are JSON with CR, LF, NUL, U+2028, U+2029 and unpaired surrogates escaped; paired
 * surrogates stay raw, so an emoji costs its 4 UTF-8 bytes.
 *
 * <p><b>Abort</b> ({@code api}, {@code kafka}). The gateway does not stop a job itself: it writes an
 * ABORT {@code JobCommand} to {@code jobs.control}, keyed by jobId, with one idempotent
 * {@code acks=all} producer, and answers {@code aborted: true} once Kafka has acknowledged it; the
 * ingest instance that runs the job reads it, cancels the upstream and writes the {@code aborted}
 * event, which reaches viewers like any other. A job is abortable while the freshest source says it
 * streams ({@code jobs.state} lags the log by the processor's publish interval). Kafka not
 * taking the command within {@code command-timeout} is a 503; nothing is retried behind the user's back.
 *
 * <p><b>The job list</b> ({@code api}): the caller's jobs as {@code jobs.state} holds them (finished
 * jobs until the processor's retention tombstones them), newest first, without content; found through
 * the view's per-user index, never by a scan of every job.
 */
@NullMarked
package io.tributary.gateway;

import org.jspecify.annotations.NullMarked;
