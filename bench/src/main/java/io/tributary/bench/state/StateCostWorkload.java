package io.tributary.bench.state;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.JobStarts;
import io.tributary.bench.Workload;
import io.tributary.bench.stack.BenchStack;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.topic.Topics;
import io.tributary.simulator.SimulatedReply;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the fold costs in bytes: {@code --jobs} short jobs ({@value #SHORT_CHUNKS} chunks) and one long job
 * ({@code --chunks}, 4,000 by default) stream at the same pace, the long one spread over
 * {@code --duration}; once every job is complete on {@code jobs.state}, the bench reads
 * {@code jobs.deltas}, {@code jobs.state} and the fold's three changelogs (states without texts, text
 * segments, publication marks) from their beginning and sums, per job, the bytes of its records.
 *
 * <p>Checked: the events on {@code jobs.deltas} are the upstream's chunks, each once, with dense seqs;
 * the last state on {@code jobs.state} is {@code COMPLETE} with exactly the upstream's content and chunk
 * count, and so are the stored state and the stored content segments joined; the gateway's status says
 * the same.
 */
public final class StateCostWorkload implements Workload {

    /** The chunks of a short job: a reply of a few sentences. */
    static final int SHORT_CHUNKS = 100;
    /** The fold's changelogs ({@code <application.id>-<store>-changelog}): states without texts, texts, publication marks. */
    static final String STATE_CHANGELOG = "tributary-processor-job-state-store-changelog";
    static final String TEXT_CHANGELOG = "tributary-processor-job-text-store-changelog";
    static final String UNPUBLISHED_CHANGELOG = "tributary-processor-job-unpublished-store-changelog";
    private static final Duration END_GRACE = Duration.ofSeconds(60);
    private static final Duration STATUS_POLL = Duration.ofMillis(500);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public boolean timed() {
        return false;
    }

    @Override
    public void check(BenchOptions options) {
        if (options.chunks() < SHORT_CHUNKS || options.jobs() < 1) {
            throw new IllegalArgumentException("--chunks must be at least " + SHORT_CHUNKS + " and --jobs at least 1");
        }
    }

    @Override
    public StateCostReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        BenchStack stack = run.stack();
        String bootstrap = stack.bootstrapServers();
        if (bootstrap == null) {
            throw new IllegalArgumentException("The state workload reads topics: give the stack's --bootstrap");
        }
        BenchOptions options = run.options();
        int intervalMs = (int) Math.max(0, duration.toMillis() / options.chunks());
        String runId = Long.toString(System.currentTimeMillis(), 36);
        JobStarts starts = new JobStarts(stack);
        Map<String, StartedJob> jobs = new LinkedHashMap<>();
        StartedJob longJob = start(starts, stack, "long", runId, options.chunks(), intervalMs);
        jobs.put(longJob.id(), longJob);
        for (int i = 0; i < options.jobs(); i++) {
            StartedJob job = start(starts, stack, "short-" + i, runId, SHORT_CHUNKS, intervalMs);
            jobs.put(job.id(), job);
        }
        List<String> failures = new ArrayList<>();
        awaitComplete(stack, jobs.values(), duration.plus(END_GRACE), failures);

        TopicBytes topics = new TopicBytes(bootstrap);
        Map<String, JobChecks> checks = new HashMap<>();
        jobs.values().forEach(job -> checks.put(job.id(), new JobChecks(job)));
        Set<String> ids = jobs.keySet();
        Map<String, TopicBytes.Written> deltas = topics.count(Topics.JOB_DELTAS.name(), ids,
                (id, value) -> checks.get(id).onEvent(Topics.JOB_DELTAS.valueSerde().deserializer()
                        .deserialize(Topics.JOB_DELTAS.name(), value)));
        Map<String, TopicBytes.Written> states = topics.count(Topics.JOB_STATE.name(), ids,
                (id, value) -> checks.get(id).onPublishedState(value == null ? null
                        : Topics.JOB_STATE.valueSerde().deserializer().deserialize(Topics.JOB_STATE.name(), value)));
        Map<String, TopicBytes.Written> changelog = new HashMap<>();
        topics.count(STATE_CHANGELOG, ids, (id, value) -> checks.get(id).onStoredState(value == null ? null
                        : Topics.JOB_STATE.valueSerde().deserializer().deserialize(STATE_CHANGELOG, value)))
                .forEach((id, written) -> changelog.merge(id, written, TopicBytes.Written::plus));
        topics.count(TEXT_CHANGELOG, StateCostWorkload::jobOfTextKey, ids,
                        (id, key, value) -> checks.get(id).onStoredText(key, value))
                .forEach((id, written) -> changelog.merge(id, written, TopicBytes.Written::plus));
        topics.count(UNPUBLISHED_CHANGELOG, ids, (id, value) -> { })
                .forEach((id, written) -> changelog.merge(id, written, TopicBytes.Written::plus));
        checks.values().forEach(check -> failures.addAll(check.failures()));

        StateCostReport.JobKind longFigures = figures(List.of(longJob), deltas, states, changelog);
        List<StartedJob> shortJobs = jobs.values().stream().filter(job -> job != longJob).toList();
        StateCostReport.JobKind shortFigures = figures(shortJobs, deltas, states, changelog);
        return new StateCostReport("state", intervalMs, options.chunks(), SHORT_CHUNKS, shortJobs.size(), longFigures,
                shortFigures, failures);
    }

    /** A text segment's key is {@code <jobId>/<kind>/<segment>} (the processor's {@code JobTexts}). */
    static String jobOfTextKey(String key) {
        int last = key.lastIndexOf('/');
        int kind = last > 0 ? key.lastIndexOf('/', last - 1) : -1;
        return kind > 0 ? key.substring(0, kind) : key;
    }

    private StartedJob start(JobStarts starts, BenchStack stack, String name, String runId, int chunks,
            int intervalMs) throws IOException, InterruptedException {
        String user = "bench-state-" + runId + "-" + name;
        String prompt = "State cost " + name + " of run " + runId;
        String body = JobStarts.requestBody(prompt, chunks, intervalMs);
        String token = stack.token(user);
        String id = starts.start(body, token);
        return new StartedJob(id, token, chunks, String.join("", SimulatedReply.forRequest(body).deltas()));
    }

    /** Waits until the gateway's status (read from {@code jobs.state}) says every job is complete. */
    private void awaitComplete(BenchStack stack, Iterable<StartedJob> jobs, Duration timeout, List<String> failures)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StartedJob job : jobs) {
            while (true) {
                JsonNode status = status(stack, job);
                String value = status.path("status").asString("");
                if (!value.isEmpty() && !value.equals("streaming")) {
                    if (!value.equals("complete")) {
                        failures.add(job.id() + " ended " + value + ": " + status.path("error"));
                    } else if (!job.content().equals(status.path("content").asString(""))) {
                        failures.add(job.id() + ": the gateway's status content differs from the upstream's");
                    }
                    break;
                }
                if (System.nanoTime() > deadline) {
                    failures.add(job.id() + " was not complete on jobs.state within " + timeout);
                    break;
                }
                Thread.sleep(STATUS_POLL.toMillis());
            }
        }
    }

    private JsonNode status(BenchStack stack, StartedJob job) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/jobs/" + job.id() + "/status"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + job.token())
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // 404 until the processor has committed the job's first state.
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private static StateCostReport.JobKind figures(List<StartedJob> jobs, Map<String, TopicBytes.Written> deltas,
            Map<String, TopicBytes.Written> states, Map<String, TopicBytes.Written> changelog) {
        TopicBytes.Written deltaSum = TopicBytes.Written.NONE;
        TopicBytes.Written stateSum = TopicBytes.Written.NONE;
        TopicBytes.Written changelogSum = TopicBytes.Written.NONE;
        long contentBytes = 0;
        for (StartedJob job : jobs) {
            deltaSum = deltaSum.plus(deltas.getOrDefault(job.id(), TopicBytes.Written.NONE));
            stateSum = stateSum.plus(states.getOrDefault(job.id(), TopicBytes.Written.NONE));
            changelogSum = changelogSum.plus(changelog.getOrDefault(job.id(), TopicBytes.Written.NONE));
            contentBytes += job.content().getBytes(StandardCharsets.UTF_8).length;
        }
        return new StateCostReport.JobKind(jobs.size(), contentBytes, deltaSum.records(), deltaSum.bytes(),
                stateSum.records(), stateSum.bytes(), changelogSum.records(), changelogSum.bytes());
    }

    /** A job the run started, and what the upstream sends it. */
    record StartedJob(String id, String token, int chunks, String content) {
    }

    /** What the records of one job must hold. */
    static final class JobChecks {

        private final StartedJob job;
        private final StringBuilder eventContent = new StringBuilder();
        private final List<String> failures = new ArrayList<>();
        private long nextSeq;
        private boolean terminal;
        private @Nullable JobState lastPublished;
        private @Nullable JobState lastStored;
        /** The content segments' latest values by segment number (a tombstone removes one). */
        private final TreeMap<Long, String> contentSegments = new TreeMap<>();

        JobChecks(StartedJob job) {
            this.job = job;
        }

        void onEvent(JobEvent event) {
            if (terminal) {
                return;
            }
            if (event.getSeq() != nextSeq) {
                failures.add(job.id() + ": seq " + event.getSeq() + " on jobs.deltas where " + nextSeq + " was due");
            }
            nextSeq = event.getSeq() + 1;
            if (event.getType() == JobEventType.TEXT_DELTA && event.getText() != null) {
                eventContent.append(event.getText());
            }
            terminal = event.getType() == JobEventType.COMPLETED || event.getType() == JobEventType.FAILED
                    || event.getType() == JobEventType.ABORTED;
        }

        void onPublishedState(@Nullable JobState state) {
            lastPublished = state;
        }

        void onStoredState(@Nullable JobState state) {
            lastStored = state;
        }

        void onStoredText(String key, byte @Nullable [] value) {
            String prefix = job.id() + "/c/";
            if (!key.startsWith(prefix)) {
                return;
            }
            long segment = Long.parseLong(key.substring(prefix.length()));
            if (value == null) {
                contentSegments.remove(segment);
            } else {
                contentSegments.put(segment, new String(value, StandardCharsets.UTF_8));
            }
        }

        List<String> failures() {
            List<String> all = new ArrayList<>(failures);
            if (!job.content().contentEquals(eventContent)) {
                all.add(job.id() + ": the text deltas on jobs.deltas differ from what the upstream sent");
            }
            check("jobs.state", lastPublished, job.content(), all);
            // The store keeps a state without its texts; the content is in the text store's segments.
            check(STATE_CHANGELOG, lastStored, "", all);
            if (!job.content().equals(String.join("", contentSegments.values()))) {
                all.add(job.id() + ": the content segments on " + TEXT_CHANGELOG + " differ from the upstream's content");
            }
            return all;
        }

        private void check(String topic, @Nullable JobState state, String content, List<String> all) {
            if (state == null) {
                all.add(job.id() + ": no state on " + topic);
            } else if (state.getStatus() != JobStatus.COMPLETE || !content.equals(state.getContent())
                    || state.getChunksReceived() != job.chunks()) {
                all.add(job.id() + ": the last state on " + topic + " is " + state.getStatus() + " with "
                        + state.getChunksReceived() + " chunks and " + state.getContent().length()
                        + " characters, not COMPLETE with the upstream's " + job.chunks() + " and " + content.length());
            }
        }
    }
}
