package io.tributary.ingest.trace;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tributary.ingest.job.JobSpec;
import io.tributary.support.tracing.TraceParent;

/**
 * A job's trace with Micrometer Tracing: a span {@code tributary.job}, a child of the request's
 * {@code traceparent} when it sent one (a new trace otherwise), that lasts until the job ends, however
 * long after the request that started it; its context, written W3C-style by the tracer's propagator, is
 * the {@code traceparent} of every record of the job. Whether the span leaves the process is the
 * tracer's business (sampling, and an OTLP endpoint when one is configured).
 */
public final class MicrometerJobTracing implements JobTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerJobTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public JobTrace start(String jobId, JobSpec spec) {
        String parent = spec.traceparent();
        Span.Builder builder = parent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(TraceParent.HEADER, parent), Map::get);
        Span span = builder.name("tributary.job")
                .kind(Span.Kind.PRODUCER)
                .tag("tributary.job.id", jobId)
                .tag("tributary.job.mode", spec.mode().name().toLowerCase(java.util.Locale.ROOT))
                .tag("gen_ai.request.model", spec.model() == null ? "" : spec.model())
                .start();
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        String traceparent = TraceParent.valid(carrier.get(TraceParent.HEADER));
        // A no-op tracer (tracing turned off) makes no context: the caller's own goes on as it came.
        return new JobTrace(span, traceparent != null ? traceparent : parent);
    }
}
