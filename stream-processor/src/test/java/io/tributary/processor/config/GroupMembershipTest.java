package io.tributary.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.util.ReflectionTestUtils;

class GroupMembershipTest {

    @Test
    void shouldMakeAStaticMemberThatStaysInTheGroupWhenAnInstanceIdIsSet() {
        StreamsBuilderFactoryBean factory = factory();

        configure(factory, new GroupMembershipProperties("processor-1"));

        assertThat(factory.getStreamsConfiguration()).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "processor-1")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "tributary-processor");
        assertThat(ReflectionTestUtils.getField(factory, "leaveGroupOnClose")).isEqualTo(false);
    }

    @Test
    void shouldMakeADynamicMemberThatLeavesOnCloseWhenNoInstanceIdIsSet() {
        StreamsBuilderFactoryBean factory = factory();

        configure(factory, new GroupMembershipProperties(" "));

        assertThat(factory.getStreamsConfiguration()).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(ReflectionTestUtils.getField(factory, "leaveGroupOnClose")).isEqualTo(true);
    }

    private static void configure(StreamsBuilderFactoryBean factory, GroupMembershipProperties membership) {
        new ProcessorStreamsConfiguration().groupMembership(membership).configure(factory);
    }

    private static StreamsBuilderFactoryBean factory() {
        return new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "tributary-processor",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")));
    }
}
