package io.tributary.ingest.job;

/** A job could not be started because the log did not store its STARTED event. */
public class JobNotRecordedException extends RuntimeException {

    public JobNotRecordedException(String jobId, Throwable cause) {
        super("Job " + jobId + " could not be recorded: " + cause.getMessage(), cause);
    }
}
