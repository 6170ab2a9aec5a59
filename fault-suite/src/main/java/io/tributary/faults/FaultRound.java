package io.tributary.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.tributary.bench.JobStarts;
import io.tributary.bench.Percentiles;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.stack.TargetStack;
import io.tributary.local.DevTokens;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault under load: starts the round's jobs over both ingests and its viewers over both gateways,
 * injects the fault, waits until every viewer has its job's end and the log has settled, then checks
 * the log and every viewer.
 */
final class FaultRound {

    private static final Logger log = LoggerFactory.getLogger(FaultRound.class);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration WHOLE_TIMEOUT = Duration.ofMinutes(5);
    /** After the log has what every job needs: long enough for a late duplicate or second notification to show. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(1);
    private static final int STARTING_CLIENTS = 16;
    private static final int ATTACH_TIMEOUT_SECONDS = 120;

    private final RunnerStack stack;
    private final SuiteOptions options;
    private final Fault fault;
    private final int round;
    private final DevTokens tokens = new DevTokens(DevTokens.LOCAL_SECRET, Clock.systemUTC());
    /** Job starts on each ingest, by instance (0, 1). */
    private final List<JobStarts> starts;

    FaultRound(RunnerStack stack, SuiteOptions options, Fault fault, int round) {
        this.stack = stack;
        this.options = options;
        this.fault = fault;
        this.round = round;
        this.starts = List.of(jobStartsOn(stack, 0), jobStartsOn(stack, 1));
    }

    RoundReport run() throws Exception {
        log.info("Round {}: {}", round, fault.description());
        List<PlannedJob> jobs = startJobs();
        FaultStart start = new FaultStart();
        List<ResumingViewer> viewers = openViewers(jobs, start);
        Percentiles attach = awaitAttached(viewers);
        long faultNanos = System.nanoTime() + options.faultAfter().toNanos();
        log.info("Round {}: {} jobs started, {} viewers attached ({}); the fault comes in {} s", round, jobs.size(),
                viewers.size(), attach.line(), options.faultAfter().toSeconds());

        sleepUntil(faultNanos);
        log.info("Round {}: injecting {}", round, fault.id());
        String done = fault.inject(stack, start);
        log.info("Round {}: {}", round, done);
        long injected = System.nanoTime();
        double wholeAfter = seconds(start.nanos(), injected + stack.awaitWhole(WHOLE_TIMEOUT).toNanos());
        Instant faultAt = start.instant();
        log.info("Round {}: the stack is whole again {} s after the fault's start", round,
                String.format(Locale.ROOT, "%.1f", wholeAfter));

        List<String> failures = new ArrayList<>();
        awaitViewers(viewers, failures);
        Map<String, Instant> firstViewers = firstViewers(viewers);
        LogAudit audit = awaitSettled(jobs, firstViewers);
        return report(jobs, viewers, audit, firstViewers, new Figures(done, attach, faultAt, wholeAfter), failures);
    }

    /** Starts the jobs from several clients at once, as many users do, so all are under way within a second or two. */
    private List<PlannedJob> startJobs() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(STARTING_CLIENTS);
        try {
            List<Future<PlannedJob>> starts = new ArrayList<>();
            for (int i = 0; i < options.jobs(); i++) {
                int index = i;
                starts.add(clients.submit(() -> startJob(index)));
            }
            List<PlannedJob> jobs = new ArrayList<>();
            for (Future<PlannedJob> start : starts) {
                jobs.add(start.get());
            }
            return jobs;
        } finally {
            clients.shutdownNow();
        }
    }

    private PlannedJob startJob(int index) throws Exception {
        int ingest = index % 2;
        String user = "fault-r" + round + "-u" + index;
        String request = JobStarts.requestBody("fault round " + round + " (" + fault.id() + ") job " + index,
                options.chunks(), (int) options.interval().toMillis());
        String jobId = starts.get(ingest).start(request, token(user));
        return new PlannedJob(jobId, user, request, ingest, index >= options.unwatched(),
                SimulatedReply.forRequest(request).content());
    }

    private static JobStarts jobStartsOn(RunnerStack stack, int ingest) {
        return new JobStarts(new TargetStack(stack.ingestUrl(ingest), stack.gatewayUrl(0), null,
                stack.bootstrapServers(), DevTokens.LOCAL_SECRET));
    }

    /** Opens the viewers at the attach rate; viewer k watches the k-th watched job (round robin) from gateway k mod 2. */
    private List<ResumingViewer> openViewers(List<PlannedJob> jobs, FaultStart start) throws InterruptedException {
        List<PlannedJob> watched = jobs.stream().filter(PlannedJob::watched).toList();
        List<String> gateways = List.of(stack.gatewayUrl(0), stack.gatewayUrl(1));
        SseViewer sse = new SseViewer();
        List<ResumingViewer> viewers = new ArrayList<>();
        long begin = System.nanoTime();
        long every = 1_000_000_000L / options.attachRate();
        for (int k = 0; k < options.viewers(); k++) {
            PlannedJob job = watched.get(k % watched.size());
            ResumingViewer viewer = new ResumingViewer(job, token(job.user()), gateways, k % 2, sse, start);
            viewers.add(viewer);
            sleepUntil(begin + k * every);
            viewer.start();
        }
        return viewers;
    }

    private void awaitViewers(List<ResumingViewer> viewers, List<String> failures) throws Exception {
        Duration timeout = options.jobLength().plus(SETTLE_TIMEOUT);
        try {
            CompletableFuture.allOf(viewers.stream().map(ResumingViewer::done).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            long unfinished = viewers.stream().filter(viewer -> !viewer.done().isDone()).count();
            failures.add(unfinished + " viewers had no terminal message " + timeout.toSeconds() + " s after the fault");
        }
    }

    /**
     * Waits until every viewer's first stream was answered (the fault must find them watching), at most
     * {@value #ATTACH_TIMEOUT_SECONDS} s; returns how long each took from its request.
     */
    private Percentiles awaitAttached(List<ResumingViewer> viewers) throws Exception {
        try {
            CompletableFuture.allOf(viewers.stream().map(ResumingViewer::opened).toArray(CompletableFuture[]::new))
                    .get(ATTACH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("Round {}: not every viewer was attached after {} s; the fault comes anyway", round,
                    ATTACH_TIMEOUT_SECONDS);
        }
        Histogram micros = new Histogram(3);
        for (ResumingViewer viewer : viewers) {
            Instant opened = viewer.opened().getNow(null);
            if (opened != null) {
                micros.recordValue(Math.max(0, Duration.between(viewer.startedAt(), opened).toNanos() / 1_000));
            }
        }
        return Percentiles.ofMicros(micros);
    }

    /** The moment each watched job's first viewer was answered. */
    private static Map<String, Instant> firstViewers(List<ResumingViewer> viewers) {
        Map<String, Instant> first = new HashMap<>();
        for (ResumingViewer viewer : viewers) {
            Instant opened = viewer.opened().getNow(null);
            if (opened != null) {
                first.merge(viewer.job().jobId(), opened, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }

    /** Waits until every job's end, state and notification are on the log, then a little more; reads it then. */
    private LogAudit awaitSettled(List<PlannedJob> jobs, Map<String, Instant> firstViewers) throws InterruptedException {
        Set<String> ids = jobs.stream().map(PlannedJob::jobId).collect(Collectors.toSet());
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        LogAudit audit = LogAudit.read(stack.bootstrapServers(), ids);
        while (!isSettled(audit, jobs, firstViewers) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            audit = LogAudit.read(stack.bootstrapServers(), ids);
        }
        Thread.sleep(QUIET.toMillis());
        return LogAudit.read(stack.bootstrapServers(), ids);
    }

    private static boolean isSettled(LogAudit audit, List<PlannedJob> jobs, Map<String, Instant> firstViewers) {
        return jobs.stream().allMatch(job -> audit.isSettled(job, firstViewers.get(job.jobId())));
    }

    /** What the round measured besides the checks. */
    private record Figures(String done, Percentiles attach, Instant faultAt, double wholeAfter) {
    }

    private RoundReport report(List<PlannedJob> jobs, List<ResumingViewer> viewers, LogAudit audit,
            Map<String, Instant> firstViewers, Figures figures, List<String> failures) {
        Instant faultAt = figures.faultAt();
        int completed = 0;
        int interrupted = 0;
        long events = 0;
        long lost = 0;
        long duplicated = 0;
        long lastEnd = faultAt.toEpochMilli();
        for (PlannedJob job : jobs) {
            failures.addAll(audit.check(job, fault, firstViewers.get(job.jobId())));
            events += audit.deltas(job.jobId());
            lost += audit.lost(job.jobId());
            duplicated += audit.duplicated(job.jobId());
            JobEvent terminal = audit.terminal(job.jobId());
            if (terminal != null && terminal.getTimestamp().isBefore(faultAt)) {
                failures.add(job.jobId() + ": ended before the fault; the round tests nothing for it (more --chunks)");
            }
            if (terminal != null) {
                lastEnd = Math.max(lastEnd, terminal.getTimestamp().toEpochMilli());
                if (terminal.getType() == JobEventType.COMPLETED) {
                    completed++;
                } else {
                    interrupted++;
                }
            }
        }
        int exact = 0;
        long reconnects = 0;
        long refusals = 0;
        Histogram stall = new Histogram(3);
        for (ResumingViewer viewer : viewers) {
            List<String> viewerFailures = new ArrayList<>(viewer.failures());
            String logText = audit.text(viewer.job().jobId());
            if (viewer.terminalStatus() == null) {
                viewerFailures.add(viewer.job().jobId() + ": a viewer has no terminal message");
            } else if (!viewer.content().equals(logText)) {
                viewerFailures.add(viewer.job().jobId() + ": a viewer got " + viewer.content().length()
                        + " chars, the log has " + logText.length());
            }
            if (viewerFailures.isEmpty()) {
                exact++;
            }
            failures.addAll(viewerFailures);
            reconnects += viewer.reconnects();
            refusals += viewer.refusals();
            if (!viewer.longestGapAcrossFault().isZero()) {
                stall.recordValue(viewer.longestGapAcrossFault().toNanos() / 1_000);
            }
        }
        return new RoundReport(fault.id(), figures.done(), jobs.size(), completed, interrupted, viewers.size(), events,
                lost, duplicated, exact, figures.attach(), Percentiles.ofMicros(stall), reconnects, refusals,
                figures.wholeAfter(), (lastEnd - faultAt.toEpochMilli()) / 1_000.0, List.copyOf(failures));
    }

    private String token(String user) {
        return tokens.mint(user, TOKEN_VALIDITY);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
