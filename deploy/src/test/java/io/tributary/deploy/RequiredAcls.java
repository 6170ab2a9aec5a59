package io.tributary.deploy;

import static io.tributary.deploy.KafkaAcl.GROUP;
import static io.tributary.deploy.KafkaAcl.LITERAL;
import static io.tributary.deploy.KafkaAcl.PREFIX;
import static io.tributary.deploy.KafkaAcl.TOPIC;
import static io.tributary.deploy.KafkaAcl.TRANSACTIONAL_ID;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;

/**
 * The one list of what each service does on Kafka, from its code: which topics it reads and writes, and
 * the groups, internal topics and transactional ids of the processor's two Kafka Streams applications.
 * The KafkaUsers and the README's tables are both checked against it.
 */
final class RequiredAcls {

    /** The job topology's Streams application id: the processor's {@code spring.application.name}. */
    static final String PROCESSOR_APPLICATION = "tributary-processor";
    /** The usage analytics' Streams application id ({@code tributary.usage.application-id}'s default). */
    static final String USAGE_APPLICATION = "tributary-usage";

    private static final String[] STREAMS_INTERNAL_TOPICS =
            {"Create", "Read", "Write", "Delete", "Describe", "DescribeConfigs"};

    private static final Map<TributaryService, Set<KafkaAcl>> ACLS = new EnumMap<>(TributaryService.class);

    static {
        ACLS.put(TributaryService.INGEST, union(
                topics(List.of(Topics.JOB_DELTAS, Topics.INGEST_LEASES), "Write", "Describe"),
                // Aborts and timeouts for the jobs it runs.
                topics(List.of(Topics.JOB_CONTROL), "Read", "Describe")));
        ACLS.put(TributaryService.PROCESSOR, union(
                streamsApplication(PROCESSOR_APPLICATION),
                topics(List.of(Topics.JOB_DELTAS, Topics.JOB_VIEWERS, Topics.INGEST_LEASES, Topics.THREAD_PREFS),
                        "Read"),
                // jobs.deltas: an orphan's terminal event; jobs.control: timeouts.
                topics(List.of(Topics.JOB_STATE, Topics.NOTIFICATIONS, Topics.JOB_DELTAS, Topics.JOB_CONTROL), "Write"),
                streamsApplication(USAGE_APPLICATION),
                topics(List.of(Topics.ANALYTICS_USAGE), "Write")));
        ACLS.put(TributaryService.GATEWAY, union(
                topics(List.of(Topics.JOB_DELTAS, Topics.JOB_STATE, Topics.NOTIFICATIONS, Topics.NOTIFICATION_MARKS,
                        Topics.THREAD_PREFS, Topics.AUDIT_ACCESS, Topics.ANALYTICS_USAGE, Topics.STREAMS_LOG),
                        "Read", "Describe"),
                topics(List.of(Topics.JOB_CONTROL, Topics.JOB_VIEWERS, Topics.THREAD_PREFS, Topics.NOTIFICATION_MARKS,
                        Topics.AUDIT_ACCESS, Topics.STREAMS_LOG), "Write", "Describe")));
    }

    private RequiredAcls() {
    }

    static Set<KafkaAcl> of(TributaryService service) {
        return ACLS.get(service);
    }

    /** A Kafka Streams application under exactly-once: its group, internal topics and transactional ids. */
    private static Set<KafkaAcl> streamsApplication(String applicationId) {
        return union(
                Set.of(new KafkaAcl(GROUP, applicationId, LITERAL, "Read")),
                each(TOPIC, applicationId + "-", PREFIX, STREAMS_INTERNAL_TOPICS),
                each(TRANSACTIONAL_ID, applicationId, PREFIX, "Write", "Describe"));
    }

    private static Set<KafkaAcl> topics(List<? extends Topic<?, ?>> topics, String... operations) {
        Set<KafkaAcl> acls = new LinkedHashSet<>();
        topics.forEach(topic -> acls.addAll(each(TOPIC, topic.name(), LITERAL, operations)));
        return acls;
    }

    private static Set<KafkaAcl> each(String type, String name, String pattern, String... operations) {
        Set<KafkaAcl> acls = new LinkedHashSet<>();
        Arrays.stream(operations).forEach(operation -> acls.add(new KafkaAcl(type, name, pattern, operation)));
        return acls;
    }

    @SafeVarargs
    private static Set<KafkaAcl> union(Set<KafkaAcl>... parts) {
        Set<KafkaAcl> all = new LinkedHashSet<>();
        Arrays.stream(parts).forEach(all::addAll);
        return Set.copyOf(all);
    }
}
