package io.tributary.bench.throughput;

import io.tributary.bench.latency.ViewedJob;

/**
 * One job of a step, started on the ingest and watched by one viewer.
 *
 * @param prompt the job's prompt: its key in the simulator's write times
 * @param token its user's bearer token
 * @param jobId the id the ingest answered
 * @param expectedContent the whole reply the simulator sends
 * @param view what the viewer saw, checked as it arrived
 * @param times when each chunk was written and read
 */
record ThroughputJob(String prompt, String token, String jobId, String expectedContent, ViewedJob view,
        ChunkTimes times) {
}
