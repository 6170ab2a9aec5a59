package io.tributary.bench.streams;

import java.util.List;
import java.util.Locale;

/** A server the streams workload measures. */
enum TargetServer {

    /** {@code @durable-streams/server}, in memory, started by the bench as a node process. */
    REFERENCE,
    /** Tributary's gateway, its streams stored on Kafka. */
    TRIBUTARY;

    /**
     * The servers {@code --target} names, in the order they run: the reference server first, so that it
     * runs before the embedded stack has started (which the bench starts when the Tributary round first
     * uses it) and no idle broker or service shares the machine with it.
     */
    static List<TargetServer> named(String target) {
        return switch (target) {
            case "both" -> List.of(REFERENCE, TRIBUTARY);
            case "reference" -> List.of(REFERENCE);
            case "tributary" -> List.of(TRIBUTARY);
            default -> throw new IllegalArgumentException("--target must be tributary, reference or both, not '"
                    + target + "'");
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
