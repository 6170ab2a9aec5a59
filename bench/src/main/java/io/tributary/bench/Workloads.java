package io.tributary.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.tributary.bench.abort.AbortWorkload;
import io.tributary.bench.fanout.FanoutWorkload;
import io.tributary.bench.latency.LatencyWorkload;
import io.tributary.bench.reattach.ReattachWorkload;
import io.tributary.bench.replay.ReplayWorkload;
import io.tributary.bench.state.StateCostWorkload;
import io.tributary.bench.streams.StreamsWorkload;
import io.tributary.bench.throughput.ThroughputWorkload;
import io.tributary.bench.ttft.TtftWorkload;

/** The workloads by the name {@code --workload} gives them, in the order issue 6 lists them. */
public final class Workloads {

    private static final Map<String, Supplier<Workload>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("latency", LatencyWorkload::new);
        BY_NAME.put("throughput", ThroughputWorkload::new);
        BY_NAME.put("fanout", FanoutWorkload::new);
        BY_NAME.put("reattach", ReattachWorkload::new);
        BY_NAME.put("state", StateCostWorkload::new);
        BY_NAME.put("abort", AbortWorkload::new);
        BY_NAME.put("ttft", TtftWorkload::new);
        BY_NAME.put("replay", ReplayWorkload::new);
        BY_NAME.put("streams", StreamsWorkload::new);
    }

    private Workloads() {
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** A new instance of the named workload; the name must be one of {@link #names()}. */
    public static Workload create(String name) {
        Supplier<Workload> workload = BY_NAME.get(name);
        if (workload == null) {
            throw new IllegalArgumentException("Unknown workload: " + name);
        }
        return workload.get();
    }
}
