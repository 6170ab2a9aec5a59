package io.tributary.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartitionInfo;

/** One fault of the suite, injected into a running {@link RunnerStack} while a round's jobs stream. */
enum Fault {

    KILL_LEADER_BROKER("kill-leader-broker", "SIGKILL of the broker leading most jobs.deltas partitions") {
        @Override
        String inject(RunnerStack stack, FaultStart start) throws Exception {
            String broker = busiestLeader(stack);
            start.now();
            long pid = stack.signal(broker, "KILL");
            return "SIGKILL of " + broker + " (pid " + pid + "), leader of the most jobs.deltas partitions";
        }
    },
    PAUSE_BROKER("pause-broker", "SIGSTOP of the broker leading most jobs.deltas partitions for 20 s (a grey failure)") {
        @Override
        String inject(RunnerStack stack, FaultStart start) throws Exception {
            String broker = busiestLeader(stack);
            start.now();
            long pid = stack.signal(broker, "STOP");
            Thread.sleep(PAUSE.toMillis());
            stack.signal(broker, "CONT");
            return "SIGSTOP of " + broker + " (pid " + pid + ") for " + PAUSE.toSeconds() + " s, then SIGCONT";
        }
    },
    KILL_PROCESSOR_IN_REBALANCE("kill-processor-in-rebalance", "SIGKILL of a processor while its group rebalances") {
        @Override
        String inject(RunnerStack stack, FaultStart start) throws Exception {
            // The processors are static members: a restart alone rebalances nothing. Removing one's members
            // through the admin API (as a scale-down does) makes the group rebalance at once.
            start.now();
            List<String> removed = removeStaticMembers(stack, "stream-processor-2");
            long deadline = System.nanoTime() + REBALANCE_WAIT.toNanos();
            GroupState state = groupState(stack);
            while (!isRebalancing(state) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                state = groupState(stack);
            }
            long pid = stack.signal("stream-processor", "KILL");
            return "static members " + removed + " of stream-processor-2 removed from the group, then SIGKILL of "
                    + "stream-processor (pid " + pid + ") " + (isRebalancing(state) ? "while the group was " + state
                    : "(no rebalance seen within " + REBALANCE_WAIT.toSeconds() + " s; group " + state + ")");
        }
    },
    KILL_GATEWAY("kill-gateway", "SIGKILL of gateway-2 under half the viewers, who resume on gateway") {
        @Override
        String inject(RunnerStack stack, FaultStart start) {
            start.now();
            return "SIGKILL of gateway-2 (pid " + stack.signal("gateway-2", "KILL") + ")";
        }
    },
    KILL_INGEST("kill-ingest", "SIGKILL of ingest-service-2, whose jobs end as orphans") {
        @Override
        String inject(RunnerStack stack, FaultStart start) {
            start.now();
            return "SIGKILL of ingest-service-2 (pid " + stack.signal("ingest-service-2", "KILL") + ")";
        }

        @Override
        boolean interrupts(int ingest) {
            return ingest == 1;
        }
    },
    RESTART_ALL("restart-all", "a stop (SIGTERM to the runner) and a start of everything on the same data") {
        @Override
        String inject(RunnerStack stack, FaultStart start) {
            start.now();
            stack.stopAll();
            stack.startAgain();
            return "SIGTERM to the runner (every service and broker stopped in order), then the runner started again";
        }

        @Override
        boolean interrupts(int ingest) {
            return true;
        }

        @Override
        boolean mayEndUnwatched() {
            return true;
        }
    };

    static final Duration PAUSE = Duration.ofSeconds(20);
    private static final Duration REBALANCE_WAIT = Duration.ofSeconds(60);
    private static final String PROCESSOR_GROUP = "tributary-processor";

    private final String id;
    private final String description;

    Fault(String id, String description) {
        this.id = id;
        this.description = description;
    }

    String id() {
        return id;
    }

    String description() {
        return description;
    }

    /**
     * Does the fault, returns when it is over (a paused broker resumed), and says exactly what was done.
     *
     * @param start told right before the fault's first blow
     */
    abstract String inject(RunnerStack stack, FaultStart start) throws Exception;

    /** Whether the jobs of that ingest (0 or 1) may end interrupted, with their content so far, rather than complete. */
    boolean interrupts(int ingest) {
        return false;
    }

    /**
     * Whether a watched job may end with no viewer connected (all gateways down at its end), and so rightly
     * notify: then a watched job may have one notification, never two.
     */
    boolean mayEndUnwatched() {
        return false;
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Fault::id).toList();
    }

    static Fault named(String id) {
        return Arrays.stream(values()).filter(fault -> fault.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown fault: " + id + "; one of " + names()));
    }

    /** The Kafka node that leads the most {@code jobs.deltas} partitions now, as {@code kafka-N}. */
    static String busiestLeader(RunnerStack stack) throws Exception {
        String topic = Topics.JOB_DELTAS.name();
        TopicDescription description = stack.admin().describeTopics(Set.of(topic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(topic);
        Map<Integer, Long> partitionsByLeader = description.partitions().stream()
                .map(TopicPartitionInfo::leader)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(leader -> leader.id(), Collectors.counting()));
        int leader = partitionsByLeader.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow(() -> new IllegalStateException(topic + " has no leader")).getKey();
        return "kafka-" + leader;
    }

    /** Removes the static members of one processor from the group; returns their instance ids. */
    private static List<String> removeStaticMembers(RunnerStack stack, String processor) throws Exception {
        ConsumerGroupDescription group = stack.admin().describeConsumerGroups(List.of(PROCESSOR_GROUP)).all()
                .get(10, TimeUnit.SECONDS).get(PROCESSOR_GROUP);
        List<String> instanceIds = group.members().stream()
                .map(member -> member.groupInstanceId().orElse(""))
                .filter(id -> id.contains(processor + "-") && !id.isEmpty())
                .toList();
        if (instanceIds.isEmpty()) {
            throw new IllegalStateException(processor + " has no static member in " + PROCESSOR_GROUP + ": " + group);
        }
        stack.admin().removeMembersFromConsumerGroup(PROCESSOR_GROUP, new RemoveMembersFromConsumerGroupOptions(
                instanceIds.stream().map(MemberToRemove::new).toList())).all().get(10, TimeUnit.SECONDS);
        return instanceIds;
    }

    private static GroupState groupState(RunnerStack stack) {
        try {
            Map<String, ConsumerGroupDescription> groups = stack.admin().describeConsumerGroups(List.of(PROCESSOR_GROUP))
                    .all().get(5, TimeUnit.SECONDS);
            return groups.get(PROCESSOR_GROUP).groupState();
        } catch (Exception e) {
            return GroupState.UNKNOWN;
        }
    }

    private static boolean isRebalancing(GroupState state) {
        return state == GroupState.PREPARING_REBALANCE || state == GroupState.RECONCILING
                || state == GroupState.ASSIGNING || state == GroupState.COMPLETING_REBALANCE;
    }
}
