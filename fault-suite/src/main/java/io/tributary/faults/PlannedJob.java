package io.tributary.faults;

/**
 * One job of a round, as the suite started it.
 *
 * @param jobId the id the ingest answered
 * @param user its owner, whose token its viewers use
 * @param request the chat-completions body: the simulator's reply is a function of it
 * @param ingest which ingest instance runs it (0 or 1)
 * @param watched whether it has viewers; an unwatched job must leave one notification
 * @param expectedContent the whole reply, as the simulator streams it
 */
record PlannedJob(String jobId, String user, String request, int ingest, boolean watched, String expectedContent) {
}
