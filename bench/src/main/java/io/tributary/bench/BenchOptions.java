package io.tributary.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.tributary.local.DevTokens;
import org.jspecify.annotations.Nullable;

/**
 * The bench's command line: {@code --workload latency --jobs 20 --rate 2000 --duration 30s
 * [--target INGEST_URL,GATEWAY_URL[,PROCESSOR_URL] --bootstrap HOST:PORT --simulator-port 18090]
 * [--root DIR] [--results DIR]}. Each workload reads the settings it needs.
 *
 * @param workload the workload to run, one of {@link Workloads#names()}
 * @param jobs concurrent jobs (streams: streams)
 * @param rate total deltas per second (streams: total appends per second)
 * @param duration how long each job streams
 * @param viewers concurrent viewers (fan-out, reattach); the streams workload's SSE readers per stream
 * @param chunks chunks of a long job (state cost)
 * @param warmup how long a first, unmeasured round streams, so that the JVMs' compilers have done their work
 * @param target the ingest, gateway and (optionally) processor URLs of a running stack, or null to start the
 *     embedded one
 * @param bootstrap a running stack's Kafka bootstrap servers, for the workloads that read topics
 * @param simulatorPort the port of the bench's simulator (0: any free one; a running stack needs a fixed one)
 * @param jwtSecret the HS256 secret of a running stack's tokens
 * @param root the project folder, whose {@code <module>/target} folders hold the services' jars
 * @param results where the JSON results go
 * @param serviceJvmOptions each embedded service's JVM options
 * @param steps the throughput ramp's most steps (1: one step at {@code rate})
 * @param stepFactor how much each step of the ramp raises the rate over the one before
 * @param gatewayJvmOptions the embedded gateway's JVM options (fan-out gives it the heap its bar allows)
 * @param attachRate viewers attached per second (fan-out)
 * @param streamsTarget which servers the streams workload measures: {@code tributary}, {@code reference} or
 *     {@code both}
 */
public record BenchOptions(String workload, int jobs, int rate, Duration duration, int viewers, int chunks, Duration warmup,
        @Nullable List<String> target, @Nullable String bootstrap, int simulatorPort, String jwtSecret, Path root,
        Path results, List<String> serviceJvmOptions, int steps, double stepFactor, List<String> gatewayJvmOptions,
        int attachRate, String streamsTarget) {

    /** What {@code --target} may name instead of a running stack's URLs, for the streams workload. */
    static final List<String> STREAMS_TARGETS = List.of("tributary", "reference", "both");

    static final String USAGE = """
            Usage: java -jar bench/target/bench-0.1.0-SNAPSHOT.jar [options]

              --workload NAME        latency (default), %s
              --jobs J               concurrent jobs, one SSE viewer each (default 20)
              --streams N            streams: Durable Streams written to at once (the same setting as --jobs)
              --rate R               total deltas per second over all jobs (default 2000); streams: total
                                     appends per second over all streams
              --duration D           how long each job streams: 30s, 2m (default 30s); streams: the
                                     measured part, after the warm-up
              --viewers N            concurrent viewers for fan-out and reattach (default 1000); streams:
                                     SSE readers per stream (default 1)
              --chunks N             chunks of a long job for state cost (default 4000)
              --warmup D             a first round of the same shape whose figures are dropped, so that
                                     the JIT has compiled the hot paths (default 15s; 0s for none);
                                     streams: the first D of each target's appends, not measured
              --target INGEST,GW[,PROC]  a running stack's ingest, gateway (and processor) URLs instead of
                                     the embedded one; its ingest must stream from this bench's simulator
                                     (TRIBUTARY_UPSTREAM_BASE_URL=http://localhost:PORT/v1)
              --target tributary|reference|both
                                     streams: Tributary's gateway, the Durable Streams reference server
                                     (node conformance/reference-server.mjs), or both, one after the other
                                     (default both); Tributary is the embedded stack, or the running one
                                     that a second --target INGEST,GW names
              --bootstrap HOST:PORT  the running stack's Kafka, for the workloads that read its topics
              --simulator-port PORT  the bench's simulator (default: a free port; 18090 with --target)
              --jwt-secret SECRET    the running stack's token secret (default: the local development one)
              --root DIR             the project folder with the built jars (default: the working directory)
              --results DIR          where the JSON goes (default ROOT/bench/results)
              --service-java-opts S  JVM options of each embedded service (default -Xmx512m)
              --steps N              throughput: a ramp of at most N steps, each --duration long, from
                                     --rate up until a step is not sustained (default 1: --rate only)
              --step-factor F        throughput: each step's rate over the one before (default 2)
              --gateway-java-opts S  JVM options of the embedded gateway (default: --service-java-opts);
                                     fan-out: -Xmx1g, the heap its bar allows
              --attach-rate A        fan-out: viewers attached per second (default 500); the jobs stream
                                     long enough for the ramp, so a gateway slower to attach is measured
                                     at full fan-out all the same
            """.formatted(String.join(", ", Workloads.names().stream().filter(name -> !name.equals("latency")).toList()));

    static BenchOptions parse(List<String> args, Path workingDirectory) {
        String workload = "latency";
        int jobs = 20;
        int rate = 2000;
        Duration duration = Duration.ofSeconds(30);
        Integer viewers = null;
        int chunks = 4000;
        Duration warmup = Duration.ofSeconds(15);
        List<String> target = null;
        String bootstrap = null;
        Integer simulatorPort = null;
        String secret = DevTokens.LOCAL_SECRET;
        Path root = workingDirectory;
        Path results = null;
        String javaOptions = "-Xmx512m";
        int steps = 1;
        double stepFactor = 2;
        String gatewayJavaOptions = null;
        int attachRate = 500;
        String streamsTarget = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--workload" -> workload = value;
                case "--jobs", "--streams" -> jobs = number(flag, value);
                case "--rate" -> rate = number(flag, value);
                case "--duration" -> duration = duration(value);
                case "--viewers" -> viewers = number(flag, value);
                case "--chunks" -> chunks = number(flag, value);
                case "--warmup" -> warmup = duration(value);
                case "--target" -> {
                    if (STREAMS_TARGETS.contains(value)) {
                        streamsTarget = value;
                    } else {
                        target = target(value);
                    }
                }
                case "--bootstrap" -> bootstrap = value;
                case "--simulator-port" -> simulatorPort = number(flag, value);
                case "--jwt-secret" -> secret = value;
                case "--root" -> root = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--service-java-opts" -> javaOptions = value;
                case "--steps" -> steps = number(flag, value);
                case "--step-factor" -> stepFactor = decimal(flag, value);
                case "--gateway-java-opts" -> gatewayJavaOptions = value;
                case "--attach-rate" -> attachRate = number(flag, value);
                default -> throw new IllegalArgumentException("Unknown option: " + flag);
            }
        }
        if (!Workloads.names().contains(workload)) {
            throw new IllegalArgumentException("Unknown workload: " + workload + " (there are "
                    + String.join(", ", Workloads.names()) + ")");
        }
        boolean streams = workload.equals("streams");
        if (streamsTarget != null && !streams) {
            throw new IllegalArgumentException("--target " + streamsTarget + " is for --workload streams; the other"
                    + " workloads take INGEST_URL,GATEWAY_URL[,PROCESSOR_URL]");
        }
        root = root.toAbsolutePath().normalize();
        // A fan-out's 1,000 viewers in all would be 1,000 per stream here: the streams workload counts per stream.
        int viewerCount = viewers != null ? viewers : streams ? 1 : 1000;
        return new BenchOptions(workload, jobs, rate, duration, viewerCount, chunks, warmup, target, bootstrap,
                simulatorPort != null ? simulatorPort : target != null ? 18090 : 0, secret, root,
                results != null ? results : root.resolve("bench").resolve("results"),
                jvmOptions(javaOptions), steps, stepFactor,
                jvmOptions(gatewayJavaOptions != null ? gatewayJavaOptions : javaOptions), attachRate,
                streamsTarget != null ? streamsTarget : "both");
    }

    private static List<String> jvmOptions(String options) {
        return options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, not '" + value + "'");
        }
    }

    private static double decimal(String flag, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, not '" + value + "'");
        }
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}, or an ISO-8601 duration. */
    static Duration duration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("--duration must be like 30s, 2m or 500ms, not '" + value + "'");
        }
    }

    private static List<String> target(String value) {
        List<String> urls = List.of(value.split(","));
        if (urls.size() < 2 || urls.size() > 3 || urls.stream().anyMatch(url -> !url.strip().startsWith("http"))) {
            throw new IllegalArgumentException("--target must be INGEST_URL,GATEWAY_URL[,PROCESSOR_URL], not '"
                    + value + "'");
        }
        return urls.stream().map(String::strip).toList();
    }
}
