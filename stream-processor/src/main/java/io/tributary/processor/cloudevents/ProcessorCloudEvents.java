package io.tributary.processor.cloudevents;

import java.time.Instant;
import java.util.Locale;

import io.tributary.schema.JobCommand;
import io.tributary.schema.JobState;
import io.tributary.schema.Notification;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.topic.CloudEventHeaders;
import io.tributary.schema.topic.JobEventHeaders;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents attributes ({@link CloudEventHeaders}) of what the processor writes, with source
 * {@value JobEventHeaders#PROCESSOR_SOURCE}. Each id is derived from what the record is, never drawn at
 * random: a record written again (a recomputation, a task that redoes its work after a crash under
 * exactly-once) carries the same id, so a consumer that deduplicates by id is right to. (An orphan's
 * terminal event on {@code jobs.deltas} has the headers of every job event, {@link JobEventHeaders}.)
 */
public final class ProcessorCloudEvents {

    private static final String SOURCE = JobEventHeaders.PROCESSOR_SOURCE;

    private ProcessorCloudEvents() {
    }

    /** A job's state on {@code jobs.state}: one id per job and seq folded. */
    public static Headers jobState(JobState state, long timestamp) {
        return CloudEventHeaders.of(state.getJobId() + ":state:" + state.getSeq(), SOURCE,
                CloudEventHeaders.TYPE_PREFIX + "job.state", Instant.ofEpochMilli(timestamp), state.getJobId(),
                JobState.getClassSchema().getFullName());
    }

    /** The tombstone of a retired job on {@code jobs.state}: no value, so no {@code content-type}. */
    public static Headers jobRetired(String jobId, long timestamp) {
        return CloudEventHeaders.of(jobId + ":retired", SOURCE, CloudEventHeaders.TYPE_PREFIX + "job.retired",
                Instant.ofEpochMilli(timestamp), jobId, null);
    }

    /** A command on {@code jobs.control} (the timeout the processor asks for, once per job). */
    public static Headers jobCommand(JobCommand command, long timestamp) {
        String kind = command.getType().name().toLowerCase(Locale.ROOT);
        return CloudEventHeaders.of(command.getJobId() + ":command:" + kind, SOURCE,
                CloudEventHeaders.TYPE_PREFIX + "job.command." + kind, Instant.ofEpochMilli(timestamp), command.getJobId(),
                JobCommand.getClassSchema().getFullName());
    }

    /** A notification on {@code notifications}: its id is already one per job; its subject is the job. */
    public static Headers notification(Notification notification, long timestamp) {
        return CloudEventHeaders.of(notification.getId(), SOURCE, CloudEventHeaders.TYPE_PREFIX + "notification",
                Instant.ofEpochMilli(timestamp), notification.getJobId(), Notification.getClassSchema().getFullName());
    }

    /**
     * A usage window's figures on {@code analytics.usage}: one id per window record and number of jobs
     * counted in it (each job adds one), and one more when it closes; the subject is the user.
     */
    public static Headers usageWindow(String key, UsageWindow window, long timestamp) {
        long jobs = window.getCompletedJobs() + window.getFailedJobs() + window.getAbortedJobs();
        return CloudEventHeaders.of(key + ":" + jobs + (window.getClosed() ? ":closed" : ""), SOURCE,
                CloudEventHeaders.TYPE_PREFIX + "usage.window", Instant.ofEpochMilli(timestamp), window.getUserId(),
                UsageWindow.getClassSchema().getFullName());
    }
}
