package io.tributary.bench.streams;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.WorkloadReport;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a streams run, one entry per target in the order they ran; {@link #failures()} empty means
 * every reader of every target received every acknowledged append exactly once and in order. Times in
 * milliseconds.
 *
 * @param workload always {@code streams}
 * @param streams streams per target
 * @param rate appends per second asked, over all streams
 * @param ratePerStream appends per second asked of each stream
 * @param readersPerStream SSE readers of each stream
 * @param contentType the streams' content type
 * @param warmupSeconds how long each target was appended to before the measured part
 * @param durationSeconds the measured part
 * @param targets each target's figures
 * @param deliveryP99Ratio Tributary's delivery p99 over the reference server's; null unless both ran
 * @param appendP99Ratio the same for the append's answer
 * @param failures failed appends, gaps, duplicates, reorderings, broken readers, servers that did not start
 */
public record StreamsReport(String workload, int streams, int rate, double ratePerStream, int readersPerStream,
        String contentType, double warmupSeconds, double durationSeconds, List<TargetFigures> targets,
        @Nullable Double deliveryP99Ratio, @Nullable Double appendP99Ratio, List<String> failures)
        implements WorkloadReport {

    static StreamsReport of(StreamsSettings settings, List<TargetFigures> targets, List<String> failures) {
        TargetFigures tributary = find(targets, TargetServer.TRIBUTARY);
        TargetFigures reference = find(targets, TargetServer.REFERENCE);
        Double deliveryRatio = null;
        Double appendRatio = null;
        if (tributary != null && reference != null) {
            deliveryRatio = ratio(tributary.delivery().p99(), reference.delivery().p99());
            appendRatio = ratio(tributary.appendAnswered().p99(), reference.appendAnswered().p99());
        }
        return new StreamsReport("streams", settings.streams(), settings.rate(), settings.ratePerStream(),
                settings.readersPerStream(), StreamsHttp.CONTENT_TYPE, settings.warmup().toMillis() / 1e3,
                settings.duration().toMillis() / 1e3, List.copyOf(targets), deliveryRatio, appendRatio,
                List.copyOf(failures));
    }

    private static @Nullable TargetFigures find(List<TargetFigures> targets, TargetServer server) {
        return targets.stream().filter(figures -> figures.target().equals(server.label())).findFirst().orElse(null);
    }

    private static String times(@Nullable Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private static @Nullable Double ratio(double tributary, double reference) {
        return reference > 0 && tributary > 0 ? tributary / reference : null;
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "streams: %d %s streams × %d readers each, %d appends/s in all (%.1f/s per stream); "
                        + "%.1f s warm-up, then %.1f s measured, per target%n",
                streams, contentType, readersPerStream, rate, ratePerStream, warmupSeconds, durationSeconds));
        targets.forEach(target -> text.append(target.summary(rate, streams, readersPerStream)));
        if (deliveryP99Ratio != null || appendP99Ratio != null) {
            text.append(String.format(Locale.ROOT, "  tributary / reference p99: delivery × %s, append answered × %s%n",
                    times(deliveryP99Ratio), times(appendP99Ratio)));
        }
        return text.append(verdict("every reader received every acknowledged append once, in order")).toString();
    }
}
