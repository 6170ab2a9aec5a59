package io.tributary.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault suite: one stack ({@link RunnerStack}), then each fault in a round of its own
 * ({@link FaultRound}), a summary per round, and every figure as JSON in {@code fault-suite/results}.
 * Exits 0 when every round passed, 1 when one did not, 2 for bad options.
 */
public final class FaultSuite {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        // Connections reset by a killed gateway are the point of the suite, not news: each viewer resumes.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("reactor.netty")).setLevel(Level.ERROR);
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(Arrays.asList(args), Path.of(System.getProperty("tributary.root", "")),
                    Files.createTempDirectory("tributary-faults-"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(SuiteOptions.USAGE);
            System.exit(2);
            return;
        }
        List<RoundReport> reports = run(options);
        Path file = write(options, reports);
        System.out.println("Figures written to " + file);
        System.exit(reports.stream().allMatch(RoundReport::passed) ? 0 : 1);
    }

    /** Runs every fault the options name, in order, on one stack; prints each round's summary as it ends. */
    static List<RoundReport> run(SuiteOptions options) throws Exception {
        List<RoundReport> reports = new ArrayList<>();
        try (RunnerStack stack = RunnerStack.start(options)) {
            int round = 1;
            for (Fault fault : options.faults()) {
                RoundReport report = new FaultRound(stack, options, fault, round++).run();
                System.out.print(report.summary());
                System.out.flush();
                reports.add(report);
            }
        }
        return reports;
    }

    static Path write(SuiteOptions options, List<RoundReport> reports) throws IOException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("jobs", options.jobs());
        figures.put("viewers", options.viewers());
        figures.put("unwatched", options.unwatched());
        figures.put("chunks", options.chunks());
        figures.put("intervalMs", options.interval().toMillis());
        figures.put("faultAfterSeconds", options.faultAfter().toSeconds());
        figures.put("rounds", reports);
        Files.createDirectories(options.results());
        Path file = options.results().resolve("faults-" + STAMP.format(Instant.now()) + ".json");
        Files.writeString(file, JSON.writeValueAsString(figures) + System.lineSeparator());
        return file;
    }
}
