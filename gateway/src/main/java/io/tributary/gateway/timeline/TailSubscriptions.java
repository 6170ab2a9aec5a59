package io.tributary.gateway.timeline;

import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The live tail of {@code jobs.deltas} as a timeline sees it. */
public interface TailSubscriptions {

    /**
     * From now on, hands every record of the job to the listener, in log order, on the tail's thread:
     * the listener must return at once.
     *
     * @return the tail's position in the job's partition at that moment: every record at or after this
     *     offset reaches the listener, none before it does; a reader fills the gap below from the log
     */
    long subscribe(String jobId, int partition, Consumer<ConsumerRecord<String, byte[]>> listener);

    /** Stops handing the job's records to this listener; another listener of the job stays. */
    void unsubscribe(String jobId, Consumer<ConsumerRecord<String, byte[]>> listener);
}
