package io.tributary.ingest.api;

/** The answer to a background start, as the original API gave it: {@code {"jobId": "...", "status": "streaming"}}. */
record StartedJob(String jobId, String status) {

    static StartedJob streaming(String jobId) {
        return new StartedJob(jobId, "streaming");
    }
}
