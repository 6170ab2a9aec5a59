package io.tributary.gateway.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.LogPosition;
import io.tributary.schema.fold.JobFold;
import io.tributary.schema.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One partition of {@code jobs.deltas} in memory, with the state the processor would publish after
 * each event (JobFold's state, stamped with the event's position).
 */
final class InMemoryLog {

    static final int PARTITION = 3;

    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private final Map<String, JobFold> folds = new HashMap<>();
    private final Map<String, JobState> states = new HashMap<>();

    void append(JobEvent... events) {
        for (JobEvent event : events) {
            long offset = records.size();
            records.add(new ConsumerRecord<>("jobs.deltas", PARTITION, offset, event.getJobId(),
                    AvroSerdes.jobEvent().toBytes(event)));
            JobFold fold = folds.computeIfAbsent(event.getJobId(), JobFold::empty);
            if (fold.apply(event, new LogPosition(PARTITION, offset))) {
                states.put(event.getJobId() + "@" + event.getSeq(), fold.toState());
            }
        }
    }

    /** The state the processor published right after folding the event with this seq. */
    JobState stateAt(String jobId, long seq) {
        JobState state = states.get(jobId + "@" + seq);
        if (state == null) {
            throw new IllegalArgumentException("No state of " + jobId + " at seq " + seq);
        }
        return state;
    }

    long end() {
        return records.size();
    }

    List<ConsumerRecord<String, byte[]>> recordsFrom(long offset) {
        return records.subList((int) offset, records.size());
    }

    List<LoggedEvent> read(String jobId, long from, long until) {
        List<LoggedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records.subList((int) from, (int) Math.min(until, records.size()))) {
            if (record.key().equals(jobId)) {
                events.add(LoggedEvent.decode(record));
            }
        }
        return events;
    }
}
