package io.tributary.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the suite runs: which faults, how much load each round carries, and where the stack lives.
 *
 * @param faults run one after another on the same stack, each in a round of its own
 * @param jobs background jobs started at the beginning of each round, spread over both ingests
 * @param viewers SSE viewers of the watched jobs, spread over both gateways
 * @param unwatched how many of the jobs nobody watches: each must leave exactly one notification
 * @param attachRate viewers opened per second, as a population of browsers arrives rather than all at once
 * @param chunks content deltas of each job
 * @param interval the upstream's pause before each delta
 * @param faultAfter how long after the round's jobs have started and its viewers are open the fault comes
 * @param root the project folder, whose {@code target/} folders hold the runner and the services
 * @param dataDir the stack's data (brokers, logs, pids), kept after the run for a post-mortem
 * @param results where each run's figures go as JSON
 * @param portOffset added to the local runner's default ports, so the suite runs beside a {@code ./run-local.sh}
 */
record SuiteOptions(List<Fault> faults, int jobs, int viewers, int unwatched, int attachRate, int chunks,
        Duration interval,
        Duration faultAfter, Path root, Path dataDir, Path results, int portOffset) {

    static final String USAGE = """
            Usage: java -jar fault-suite/target/fault-suite-0.1.0-SNAPSHOT.jar [options]

            Starts ./run-local.sh --brokers 3 --instances 2 on ports + PORT_OFFSET, then for each fault: starts
            JOBS background jobs over both ingests, opens VIEWERS SSE viewers over both gateways (each resumes
            with Last-Event-ID after a disconnect, on the other gateway if its own is gone), injects the fault,
            and checks that no delta was lost or duplicated, every viewer's content is exact, and every job
            has one terminal event and the notifications it must have. Prints a table, writes JSON, exits 1 if
            a check failed.

              --faults LIST        comma-separated, or all (default): %s
              --jobs N             jobs per round (default 100)
              --viewers N          viewers per round (default 1000)
              --unwatched N        jobs without a viewer, which must notify (default JOBS / 5)
              --attach-rate N      viewers opened per second (default 100)
              --chunks N           deltas per job (default 300)
              --interval-ms MS     pause before each delta (default 200)
              --fault-after SEC    the fault's time after the jobs and viewers started (default 8)
              --data-dir DIR       the stack's data (default: a new temporary folder)
              --results DIR        where the JSON goes (default ROOT/fault-suite/results)
              --port-offset N      added to every default port (default 20000)
              --root DIR           the project folder (default: the working folder)
            """.formatted(String.join(", ", Fault.names()));

    private static final Set<String> FLAGS = Set.of("--faults", "--jobs", "--viewers", "--unwatched", "--attach-rate",
            "--chunks", "--interval-ms", "--fault-after", "--data-dir", "--results", "--port-offset", "--root");

    SuiteOptions {
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("--faults names no fault");
        }
        if (jobs < 2 || unwatched < 0 || unwatched >= jobs) {
            throw new IllegalArgumentException("--jobs must be at least 2 and --unwatched less than --jobs");
        }
        if (viewers < jobs - unwatched) {
            throw new IllegalArgumentException("--viewers must be at least the watched jobs (" + (jobs - unwatched) + ")");
        }
        if (attachRate < 1) {
            throw new IllegalArgumentException("--attach-rate must be positive");
        }
        if (chunks < 1 || interval.isNegative()) {
            throw new IllegalArgumentException("--chunks must be positive and --interval-ms not negative");
        }
    }

    static SuiteOptions parse(List<String> args, Path defaultRoot, Path defaultDataDir) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            if (arg.contains("=")) {
                values.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.size()) {
                values.put(arg, args.get(++i));
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        for (String flag : values.keySet()) {
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("Unknown option: " + flag);
            }
        }
        Path root = Path.of(values.getOrDefault("--root", defaultRoot.toString())).toAbsolutePath().normalize();
        int jobs = number(values, "--jobs", 100);
        return new SuiteOptions(
                faults(values.getOrDefault("--faults", "all")),
                jobs,
                number(values, "--viewers", 1_000),
                number(values, "--unwatched", jobs / 5),
                number(values, "--attach-rate", 100),
                number(values, "--chunks", 300),
                Duration.ofMillis(number(values, "--interval-ms", 200)),
                Duration.ofSeconds(number(values, "--fault-after", 8)),
                root,
                Path.of(values.getOrDefault("--data-dir", defaultDataDir.toString())).toAbsolutePath(),
                Path.of(values.getOrDefault("--results", root.resolve("fault-suite/results").toString())),
                number(values, "--port-offset", 20_000));
    }

    /** How long a job streams when nothing gets in its way. */
    Duration jobLength() {
        return interval.multipliedBy(chunks);
    }

    private static List<Fault> faults(String list) {
        if (list.equals("all")) {
            return List.of(Fault.values());
        }
        List<Fault> faults = new ArrayList<>();
        for (String name : list.split(",")) {
            faults.add(Fault.named(name.strip()));
        }
        return faults;
    }

    private static int number(Map<String, String> values, String flag, int fallback) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, not " + value);
        }
    }
}
