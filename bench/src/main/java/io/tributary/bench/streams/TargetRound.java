package io.tributary.bench.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.streams.StreamsHttp.Answer;

/**
 * One target's round: creates the streams, opens every reader and waits until the server has answered each
 * with its first control event, appends at the paced rate for the warm-up and the measured part, waits for
 * the readers to receive every acknowledged append, then closes the readers and deletes the streams.
 */
final class TargetRound {

    /** The paced appends start this long after the last reader is ready: the pacer's first tasks are not late. */
    private static final Duration LEAD = Duration.ofMillis(200);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    /** How long past the round's end the last answers and deliveries may take before the round gives up. */
    private static final Duration END_GRACE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private final StreamsSettings settings;
    private final StreamEndpoint endpoint;
    private final SseViewer sse = new SseViewer();
    private final MeasuredTimes answered = new MeasuredTimes();
    private final MeasuredTimes lag = new MeasuredTimes();
    private final MeasuredTimes deliveries = new MeasuredTimes();

    TargetRound(StreamsSettings settings, StreamEndpoint endpoint) {
        this.settings = settings;
        this.endpoint = endpoint;
    }

    /**
     * @param runId names this round's streams, so that a running stack's earlier streams are never reused
     * @param failures where every problem goes
     */
    TargetFigures run(String runId, FailureLog failures) throws InterruptedException {
        // At most one request per stream in flight: the appends are paced one after the other per stream.
        try (StreamsHttp http = new StreamsHttp(settings.streams(), endpoint.token())) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < settings.streams(); i++) {
                urls.add(endpoint.streamUrl("bench-" + runId + "-" + i));
            }
            List<StreamReader> readers = new ArrayList<>();
            List<PacedAppender> appenders = new ArrayList<>();
            try {
                if (create(http, urls, failures) && openReaders(urls, readers, failures)) {
                    System.out.printf(Locale.ROOT, "%s: %d streams, %d readers ready; appending for %.1f s of warm-up"
                            + " and %.1f s measured%n", endpoint.target().label(), urls.size(), readers.size(),
                            settings.warmup().toMillis() / 1e3, settings.duration().toMillis() / 1e3);
                    append(http, urls, appenders, failures);
                    awaitDelivered(readers, appenders, failures);
                }
            } finally {
                readers.forEach(StreamReader::stop);
                delete(http, urls);
            }
            return figures(readers, appenders);
        }
    }

    /** Creates every stream, each before the next; false if one could not be. */
    private boolean create(StreamsHttp http, List<String> urls, FailureLog failures) {
        for (String url : urls) {
            try {
                Answer answer = http.create(url).block(SETUP_TIMEOUT);
                if (answer == null || answer.status() != 201) {
                    failures.add("creating " + url + " answered " + answer);
                    return false;
                }
            } catch (RuntimeException e) {
                failures.add("creating " + url + " failed: " + e);
                return false;
            }
        }
        return true;
    }

    /** Opens every reader of every stream at once; true once each has its first control event. */
    private boolean openReaders(List<String> urls, List<StreamReader> readers, FailureLog failures)
            throws InterruptedException {
        for (String url : urls) {
            for (int i = 0; i < settings.readersPerStream(); i++) {
                StreamReader reader = new StreamReader(sse, url, endpoint.token(), deliveries, failures);
                readers.add(reader);
                reader.open();
            }
        }
        long deadline = System.nanoTime() + SETUP_TIMEOUT.toNanos();
        while (!readers.stream().allMatch(StreamReader::isReady)) {
            if (System.nanoTime() > deadline || readers.stream().anyMatch(StreamReader::gaveUp)) {
                failures.add(readers.stream().filter(reader -> !reader.isReady()).count() + " of " + readers.size()
                        + " readers were not answered within " + SETUP_TIMEOUT.toSeconds() + " s");
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /**
     * Appends to every stream for the warm-up and the measured part; returns once every append has been
     * answered. The streams' first appends are spread over one interval, so that they do not all come at once.
     */
    private void append(StreamsHttp http, List<String> urls, List<PacedAppender> appenders, FailureLog failures)
            throws InterruptedException {
        long interval = settings.intervalNanos();
        long start = System.nanoTime() + LEAD.toNanos();
        long measuredFrom = start + settings.warmup().toNanos();
        long end = measuredFrom + settings.duration().toNanos();
        answered.measure(measuredFrom, end);
        lag.measure(measuredFrom, end);
        deliveries.measure(measuredFrom, end);
        CountDownLatch done = new CountDownLatch(urls.size());
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-streams-pacer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < urls.size(); i++) {
                long firstDue = start + interval * i / urls.size();
                PacedAppender appender = new PacedAppender(http, urls.get(i), pacer, firstDue, interval, measuredFrom,
                        end, answered, lag, failures, done);
                appenders.add(appender);
                appender.start();
            }
            long wait = end - System.nanoTime() + END_GRACE.toNanos();
            if (!done.await(wait, TimeUnit.NANOSECONDS)) {
                failures.add(done.getCount() + " streams still had an append unanswered " + END_GRACE.toSeconds()
                        + " s after the round's end");
            }
        } finally {
            pacer.shutdownNow();
        }
    }

    /** Waits (bounded) until every reader has received every append its stream acknowledged. */
    private void awaitDelivered(List<StreamReader> readers, List<PacedAppender> appenders, FailureLog failures)
            throws InterruptedException {
        long deadline = System.nanoTime() + END_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            if (allDelivered(readers, appenders)) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
        failures.add("readers still lacked appends " + END_GRACE.toSeconds() + " s after the last was answered");
    }

    private boolean allDelivered(List<StreamReader> readers, List<PacedAppender> appenders) {
        for (int i = 0; i < readers.size(); i++) {
            StreamReader reader = readers.get(i);
            if (!reader.gaveUp() && reader.check().distinct() < appenders.get(streamOf(i)).acknowledgedCount()) {
                return false;
            }
        }
        return true;
    }

    /** Reader {@code i} reads stream {@code i / readersPerStream}: they were opened stream by stream. */
    private int streamOf(int reader) {
        return reader / settings.readersPerStream();
    }

    /** Best effort: the streams of a running stack should not outlive the run; a failure here judges nothing. */
    private static void delete(StreamsHttp http, List<String> urls) {
        for (String url : urls) {
            try {
                http.delete(url).block(SETUP_TIMEOUT);
            } catch (RuntimeException e) {
                // The server may be gone already; the round's figures are what matters.
            }
        }
    }

    private TargetFigures figures(List<StreamReader> readers, List<PacedAppender> appenders) {
        long gaps = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long malformed = 0;
        long reconnects = 0;
        long breaks = 0;
        for (int i = 0; i < readers.size(); i++) {
            StreamReader reader = readers.get(i);
            DeliveryCheck check = reader.check();
            if (streamOf(i) < appenders.size()) {
                gaps += check.gaps(appenders.get(streamOf(i)).acknowledged());
            }
            duplicates += check.duplicates();
            outOfOrder += check.outOfOrder();
            malformed += reader.malformed();
            reconnects += reader.reconnects();
            breaks += reader.breaks();
        }
        long written = appenders.stream().mapToLong(PacedAppender::acknowledgedCount).sum();
        long failedAppends = appenders.stream().mapToLong(PacedAppender::failed).sum();
        long skipped = appenders.stream().mapToLong(PacedAppender::skipped).sum();
        double seconds = settings.duration().toNanos() / 1e9;
        boolean exact = !appenders.isEmpty() && written > 0 && gaps == 0 && duplicates == 0 && outOfOrder == 0
                && malformed == 0 && failedAppends == 0 && breaks == 0;
        return new TargetFigures(endpoint.target().label(), endpoint.baseUrl() + StreamEndpoint.PREFIX,
                answered.countInWindow() / seconds, skipped, answered.percentiles(), lag.percentiles(),
                deliveries.countInWindow(), deliveries.countInWindow() / seconds, deliveries.percentiles(), written,
                failedAppends, readers.size(), gaps, duplicates, outOfOrder, malformed, reconnects, breaks, exact);
    }
}
