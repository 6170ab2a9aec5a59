package io.tributary.gateway.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.tributary.gateway.sse.JobHeader;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One job as this gateway serves it, shared by all of the job's viewers here: the job folded from a
 * snapshot of {@code jobs.state} onward, and the SSE message of every event since, rendered once.
 *
 * <p><b>Joining the snapshot to the log.</b> The snapshot holds the seq and log position of the last
 * event it folded. The timeline first subscribes to the live tail, which answers with its position
 * {@code P} in the job's partition, then reads {@code [snapshot offset + 1, P)} with a catch-up reader
 * while holding back what the tail delivers. Then it applies the catch-up's events and the held-back
 * ones in that order, dropping by seq whatever it already has. Nothing is guessed: every event after
 * the snapshot comes from exactly one of the two reads, or from both and is dropped once.
 *
 * <p><b>History.</b> Messages are kept for the events after the snapshot (the base). A viewer that
 * resumes from an older event id makes the timeline read the job from its first event and fold it from
 * scratch, once; from then on the timeline holds the whole job.
 *
 * <p><b>Threading.</b> All state is confined to one worker of the timeline scheduler (an actor): the
 * tail, the catch-up readers and the HTTP threads only enqueue work. A viewer gets a bounded buffer
 * ({@link Viewer}); nothing here ever waits for one.
 */
public final class JobTimeline {

    private static final Logger log = LoggerFactory.getLogger(JobTimeline.class);

    private enum Phase { STARTING, CATCHING_UP, LIVE, FAILED, CLOSED }

    private final JobState seed;
    private final TimelineResources resources;
    private final Consumer<JobTimeline> onFailure;
    private final Scheduler.Worker worker;
    private final Consumer<ConsumerRecord<String, byte[]>> tailListener = this::fromTail;

    // Confined to the worker from here on.
    private Phase phase = Phase.STARTING;
    private final RenderingFold fold;
    /** Messages of the events after {@link #baseSeq}, in seq order. */
    private final List<RenderedEvent> events = new ArrayList<>();
    private long baseSeq;
    private final List<TailRecord> heldBack = new ArrayList<>();
    private final List<Request> waitingForLive = new ArrayList<>();
    private final List<MonoSink<JobState>> waitingForState = new ArrayList<>();
    private final List<Request> waitingForHistory = new ArrayList<>();
    private boolean readingHistory;
    private final List<Viewer> viewers = new ArrayList<>();
    private byte @Nullable [] snapshot;
    private boolean subscribed;

    private record Request(Cursor cursor, MonoSink<Attachment> answer) {
    }

    /** A record of the tail and when the tail handed it over ({@link System#nanoTime()}). */
    private record TailRecord(ConsumerRecord<String, byte[]> record, long receivedNanos) {
    }

    JobTimeline(JobState seed, TimelineResources resources, Consumer<JobTimeline> onFailure) {
        this.seed = seed;
        this.resources = resources;
        this.onFailure = onFailure;
        this.worker = resources.scheduler().createWorker();
        this.fold = RenderingFold.continuing(seed, resources.messages());
        this.baseSeq = seed.getSeq();
    }

    public String jobId() {
        return seed.getJobId();
    }

    /** Joins the snapshot to the log; viewers that attach meanwhile wait. */
    void start() {
        run(this::join);
    }

    /**
     * Attaches a viewer; answers once the timeline can serve the cursor exactly. The answer is delivered
     * off the timeline's worker, so that starting the viewer's response never delays the job's events.
     */
    public Mono<Attachment> attach(Cursor cursor) {
        return Mono.<Attachment>create(answer -> run(() -> onAttach(new Request(cursor, answer))))
                .publishOn(Schedulers.parallel());
    }

    /**
     * The job as this timeline has folded it, current to the last event it has read from the log: once
     * it has joined its seed to the log, so never older than the seed. Copies the content.
     */
    public Mono<JobState> current() {
        return Mono.<JobState>create(answer -> run(() -> onCurrent(answer))).publishOn(Schedulers.parallel());
    }

    /** Ends every viewer's stream and lets go of the tail; for eviction and shutdown. */
    void close() {
        run(() -> {
            phase = Phase.CLOSED;
            viewers.forEach(Viewer::complete);
            viewers.clear();
            failWaiting(closed());
            unsubscribe();
            worker.dispose();
        });
    }

    /** Runs the task on the timeline's worker, after everything handed to it before. */
    private void run(Runnable task) {
        try {
            worker.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A bug or an unreadable log must not leave viewers waiting for an answer.
                    if (phase == Phase.FAILED || phase == Phase.CLOSED) {
                        log.warn("Job {}: failure after the timeline ended", jobId(), e);
                    } else {
                        fail(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: the work no longer matters.
        }
    }

    private void fromTail(ConsumerRecord<String, byte[]> record) {
        // On the tail's thread: hand over and return at once.
        long received = System.nanoTime();
        run(() -> onTailRecord(record, received));
    }

    private void join() {
        if (seed.getStatus() != JobStatus.STREAMING) {
            becomeLive();
            return;
        }
        LogPosition last = seed.getLastPosition();
        long tailPosition = resources.tail().subscribe(jobId(), last.getPartition(), tailListener);
        subscribed = true;
        long from = last.getOffset() + 1;
        if (from >= tailPosition) {
            becomeLive();
            return;
        }
        phase = Phase.CATCHING_UP;
        resources.history().read(jobId(), last.getPartition(), from, tailPosition)
                .whenComplete((caughtUp, error) -> run(() -> onCaughtUp(caughtUp, error)));
    }

    private void onCaughtUp(@Nullable List<LoggedEvent> caughtUp, @Nullable Throwable error) {
        if (phase != Phase.CATCHING_UP) {
            return;
        }
        if (error != null || caughtUp == null) {
            fail(error);
            return;
        }
        long received = System.nanoTime();
        caughtUp.forEach(event -> append(event, received));
        heldBack.forEach(held -> applyTailRecord(held.record(), held.receivedNanos()));
        heldBack.clear();
        becomeLive();
    }

    private void becomeLive() {
        phase = Phase.LIVE;
        List<Request> waiting = List.copyOf(waitingForLive);
        waitingForLive.clear();
        waiting.forEach(this::serve);
        List<MonoSink<JobState>> asking = List.copyOf(waitingForState);
        waitingForState.clear();
        asking.forEach(answer -> answer.success(fold.state()));
    }

    private void onCurrent(MonoSink<JobState> answer) {
        switch (phase) {
            case STARTING, CATCHING_UP -> waitingForState.add(answer);
            case LIVE -> answer.success(fold.state());
            case FAILED -> answer.error(unavailable(null));
            case CLOSED -> answer.error(closed());
        }
    }

    private void onTailRecord(ConsumerRecord<String, byte[]> record, long receivedNanos) {
        switch (phase) {
            case STARTING, CATCHING_UP -> heldBack.add(new TailRecord(record, receivedNanos));
            case LIVE -> applyTailRecord(record, receivedNanos);
            default -> { }
        }
    }

    private void applyTailRecord(ConsumerRecord<String, byte[]> record, long receivedNanos) {
        LoggedEvent event = LoggedEvent.decode(record);
        if (event != null) {
            append(event, receivedNanos);
        }
    }

    private void append(LoggedEvent event, long receivedNanos) {
        RenderedEvent rendered = fold.apply(event, receivedNanos);
        if (rendered == null) {
            return;
        }
        events.add(rendered);
        snapshot = null;
        if (rendered.terminal()) {
            // Nothing after the terminal event counts: stop receiving. A client that has the terminal status
            // and asks at once (a status, an abort) is answered by current(), which runs on this worker after
            // this, so it finds the job ended, never a moment behind its own viewer.
            unsubscribe();
        }
        viewers.removeIf(viewer -> !viewer.offer(rendered));
        if (rendered.terminal()) {
            viewers.forEach(Viewer::complete);
            viewers.clear();
        }
    }

    private void onAttach(Request request) {
        switch (phase) {
            case STARTING, CATCHING_UP -> waitingForLive.add(request);
            case LIVE -> serve(request);
            case FAILED -> request.answer().error(unavailable(null));
            case CLOSED -> request.answer().error(closed());
        }
    }

    private void serve(Request request) {
        Cursor cursor = request.cursor();
        if (cursor instanceof Cursor.Fresh) {
            stream(request, List.of(snapshot()), fold.headSeq());
        } else if (cursor instanceof Cursor.FromOffset offset) {
            byte[] first = resources.messages().snapshotFrom(fold.headSeq(), fold.state(), offset.offset());
            stream(request, List.of(first), fold.headSeq());
        } else if (cursor instanceof Cursor.AfterEvent after) {
            resume(request, after.seq());
        }
    }

    private void resume(Request request, long afterSeq) {
        if (fold.isTerminal() && afterSeq >= fold.headSeq()) {
            request.answer().success(new Attachment.UpToDate());
        } else if (afterSeq < baseSeq) {
            waitingForHistory.add(request);
            readHistory();
        } else {
            stream(request, eventsAfter(afterSeq), Math.max(afterSeq, fold.headSeq()));
        }
    }

    private void stream(Request request, List<byte[]> history, long lastSeq) {
        Flux<byte[]> past = Flux.fromIterable(history);
        if (fold.isTerminal()) {
            request.answer().success(new Attachment.Stream(past));
            return;
        }
        Viewer viewer = new Viewer(resources.viewerBuffer(), lastSeq, resources.deliveries());
        viewers.add(viewer);
        Flux<byte[]> messages = past.concatWith(viewer.messages())
                .doFinally(signal -> run(() -> viewers.remove(viewer)));
        request.answer().success(new Attachment.Stream(messages));
    }

    private byte[] snapshot() {
        byte[] current = snapshot;
        if (current == null) {
            current = resources.messages().snapshot(fold.headSeq(), fold.state());
            snapshot = current;
        }
        return current;
    }

    private List<byte[]> eventsAfter(long seq) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (events.get(middle).seq() <= seq) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        List<byte[]> after = new ArrayList<>(events.size() - low);
        for (int i = low; i < events.size(); i++) {
            after.add(events.get(i).message());
        }
        return after;
    }

    /** Reads the job from its first event up to the base, once, for resumes from before the base. */
    private void readHistory() {
        if (readingHistory) {
            return;
        }
        readingHistory = true;
        LogPosition first = seed.getFirstPosition();
        long until = seed.getLastPosition().getOffset() + 1;
        resources.history().read(jobId(), first.getPartition(), first.getOffset(), until)
                .whenComplete((history, error) -> run(() -> onHistory(history, error)));
    }

    private void onHistory(@Nullable List<LoggedEvent> history, @Nullable Throwable error) {
        readingHistory = false;
        List<Request> waiting = List.copyOf(waitingForHistory);
        waitingForHistory.clear();
        if (phase != Phase.LIVE) {
            return;
        }
        if (error != null || history == null) {
            waiting.forEach(request -> request.answer().error(unavailable(error)));
            return;
        }
        RenderingFold fromStart = RenderingFold.fromStart(JobHeader.of(seed), resources.messages());
        List<RenderedEvent> older = new ArrayList<>();
        long received = System.nanoTime();
        for (LoggedEvent event : history) {
            RenderedEvent rendered = fromStart.apply(event, received);
            if (rendered != null && rendered.seq() <= baseSeq) {
                older.add(rendered);
            }
        }
        if (fromStart.headSeq() < baseSeq) {
            log.warn("Job {}: the log holds its events only up to seq {} of {}; older ones were deleted",
                    jobId(), fromStart.headSeq(), baseSeq);
        }
        events.addAll(0, older);
        baseSeq = -1;
        waiting.forEach(this::serve);
    }

    private void fail(@Nullable Throwable error) {
        log.warn("Job {}: timeline failed, its viewers are let go", jobId(), error);
        phase = Phase.FAILED;
        // Let go of the tail and leave the registry first, so a viewer that retries at once opens a fresh timeline.
        unsubscribe();
        onFailure.accept(this);
        TimelineUnavailableException unavailable = unavailable(error);
        viewers.forEach(viewer -> viewer.fail(unavailable));
        viewers.clear();
        failWaiting(unavailable);
    }

    private void failWaiting(RuntimeException error) {
        waitingForState.forEach(answer -> answer.error(error));
        waitingForState.clear();
        waitingForLive.forEach(request -> request.answer().error(error));
        waitingForHistory.forEach(request -> request.answer().error(error));
        waitingForLive.clear();
        waitingForHistory.clear();
    }

    private void unsubscribe() {
        if (subscribed) {
            resources.tail().unsubscribe(jobId(), tailListener);
            subscribed = false;
        }
    }

    private TimelineUnavailableException closed() {
        return new TimelineUnavailableException("The gateway is letting go of job " + jobId() + "; retry", null);
    }

    private TimelineUnavailableException unavailable(@Nullable Throwable cause) {
        return new TimelineUnavailableException("The events of job " + jobId() + " cannot be read right now", cause);
    }
}
