package io.tributary.bench.reattach;

/**
 * A job as the storm finds it.
 *
 * @param label names the job in failures
 * @param jobId the job
 * @param token its user's bearer token (every viewer of a job is its user)
 * @param reply its events
 * @param lastId the last event id known when the storm began: the job's status seq
 * @param finished whether it had ended before the storm (its last id is then the terminal one)
 */
record StormJob(String label, String jobId, String token, ReplyEvents reply, long lastId, boolean finished) {
}
