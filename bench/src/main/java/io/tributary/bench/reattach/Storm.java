package io.tributary.bench.reattach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.sse.StreamRefusedException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reconnects every viewer at once: all requests are issued in one tight loop, without waiting for any
 * answer (Reactor Netty connects them in the background), each with its own connection and its own
 * {@code Last-Event-ID}. Each viewer then reads its stream to the end, so that its resume is checked
 * exactly up to the job's terminal event.
 */
final class Storm {

    private final SseViewer sse = new SseViewer();
    private final String gatewayUrl;

    Storm(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /**
     * What a storm did: every viewer's view, when it began (wall clock, to find it in the services' logs)
     * and how long issuing all requests took.
     */
    record Result(List<ResumedView> views, Instant startedAt, long issueNanos) {
    }

    /**
     * @param jobs the jobs, viewed round-robin
     * @param viewers how many viewers reconnect
     * @param seed the seed of the resume points
     * @param deadline how long the viewers may take to read their streams to the end
     */
    Result run(List<StormJob> jobs, int viewers, long seed, Duration deadline) {
        ResumePoints points = new ResumePoints(seed);
        List<ResumedView> views = new ArrayList<>(viewers);
        List<Mono<Void>> watches = new ArrayList<>(viewers);
        for (int i = 0; i < viewers; i++) {
            StormJob job = jobs.get(i % jobs.size());
            long after = points.next(i / jobs.size(), job.lastId());
            ResumedView view = new ResumedView(job.label() + " viewer " + i / jobs.size(), job.reply(), after,
                    !job.finished(), job.finished() ? job.lastId() : -1);
            views.add(view);
            watches.add(watch(job, view, after));
        }
        Instant startedAt = Instant.now();
        long firstIssued = System.nanoTime();
        List<Mono<Void>> running = new ArrayList<>(viewers);
        List<Disposable> subscriptions = new ArrayList<>(viewers);
        for (Mono<Void> watch : watches) {
            Mono<Void> cached = watch.cache();
            subscriptions.add(cached.subscribe());
            running.add(cached);
        }
        long issueNanos = System.nanoTime() - firstIssued;
        try {
            Flux.merge(running).then().block(deadline);
        } catch (IllegalStateException timedOut) {
            // The views that did not end say so; their connections are let go.
            subscriptions.forEach(Disposable::dispose);
        }
        return new Result(views, startedAt, issueNanos);
    }

    private Mono<Void> watch(StormJob job, ResumedView view, long after) {
        String url = gatewayUrl + "/api/jobs/" + job.jobId() + "/stream";
        return Mono.defer(() -> {
            view.requested(System.nanoTime());
            return sse.watch(url, job.token(), Long.toString(after), view::opened, view::onEvent);
        })
                .doOnSuccess(done -> view.ended())
                .onErrorResume(e -> {
                    if (e instanceof StreamRefusedException refused && refused.status() == 204) {
                        view.answeredUpToDate(System.nanoTime());
                        view.ended();
                    } else {
                        view.failed(e);
                    }
                    return Mono.empty();
                });
    }
}
