package io.tributary.bench.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.Workload;
import io.tributary.bench.stack.BenchStack;

/**
 * Durable Streams append → delivery latency, side by side: the same streams, readers and paced appends,
 * with the same client, against the protocol's reference server and against Tributary's gateway, one after
 * the other. Each target has its own warm-up inside its round (the appends go on from the warm-up into the
 * measured part, on the same streams and readers), so the bench runs the workload once. The reference
 * server runs first, before the embedded stack starts, so that it has the machine to itself as when it was
 * measured alone; Tributary then runs with the whole stack up (only the gateway and the broker work).
 */
public final class StreamsWorkload implements Workload {

    /** The user who owns every stream on Tributary: a stream is its creator's, and its readers must be too. */
    private static final String USER = "streams-bench";

    @Override
    public void check(BenchOptions options) {
        StreamsSettings settings = settings(options);
        if (settings.targets().contains(TargetServer.REFERENCE)) {
            ReferenceServer.check(conformance(options));
        }
    }

    @Override
    public boolean timed() {
        return false;
    }

    @Override
    public boolean needsStackUpFront() {
        return false;
    }

    @Override
    public StreamsReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        StreamsSettings settings = settings(run.options());
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<TargetFigures> targets = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (TargetServer target : settings.targets()) {
            FailureLog log = new FailureLog(target.label());
            if (target == TargetServer.REFERENCE) {
                Path serverLog = Files.createTempDirectory("tributary-bench-reference-").resolve("server.log");
                try (ReferenceServer server = ReferenceServer.start(conformance(run.options()), serverLog)) {
                    targets.add(new TargetRound(settings, new StreamEndpoint(target, server.baseUrl(), null))
                            .run(runId, log));
                }
            } else {
                BenchStack stack = run.stack();
                StreamEndpoint gateway = new StreamEndpoint(target, stack.gatewayUrl(), stack.token(USER));
                targets.add(new TargetRound(settings, gateway).run(runId, log));
            }
            failures.addAll(log.problems());
            System.out.print(targets.get(targets.size() - 1).summary(settings.rate(), settings.streams(),
                    settings.readersPerStream()));
        }
        return StreamsReport.of(settings, targets, failures);
    }

    private static StreamsSettings settings(BenchOptions options) {
        return new StreamsSettings(options.jobs(), options.rate(), options.viewers(), options.warmup(),
                options.duration(), TargetServer.named(options.streamsTarget()));
    }

    private static Path conformance(BenchOptions options) {
        return options.root().resolve("conformance");
    }
}
