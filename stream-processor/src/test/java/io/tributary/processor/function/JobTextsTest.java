package io.tributary.processor.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job's texts in segments of 64 events: appended by seq, read back whole, removed with the job. */
class JobTextsTest {

    private KeyValueStore<String, String> store;
    private JobTexts texts;

    @BeforeEach
    void createStore() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("texts"), Serdes.String(), Serdes.String())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        texts = new JobTexts(store);
    }

    @Test
    void shouldAppendEachDeltaToTheSegmentOfItsSeqAndReadTheWholeTextBack() {
        StringBuilder expected = new StringBuilder();
        for (long seq = 1; seq <= 200; seq++) {
            String delta = seq % 7 == 0 ? "" : "d" + seq + "👋";
            expected.append(delta);
            texts.append("job-a", JobTexts.Kind.CONTENT, seq, delta);
        }
        texts.append("job-a", JobTexts.Kind.REASONING, 3, "thinking");

        assertThat(texts.read("job-a", JobTexts.Kind.CONTENT, 200)).isEqualTo(expected.toString());
        assertThat(texts.read("job-a", JobTexts.Kind.REASONING, 200)).isEqualTo("thinking");
        assertThat(keys()).as("seqs 1-63, 64-127, 128-191, 192-200, and one reasoning segment")
                .containsExactlyInAnyOrder("job-a/c/0", "job-a/c/1", "job-a/c/2", "job-a/c/3", "job-a/r/0");
    }

    @Test
    void shouldKeepJobsApartAndRemoveOnlyTheDeletedJobsSegments() {
        texts.append("job-a", JobTexts.Kind.CONTENT, 1, "a");
        texts.append("job-a", JobTexts.Kind.CONTENT, 70, "b");
        texts.append("job-a2", JobTexts.Kind.CONTENT, 1, "other");

        texts.delete("job-a", 70);

        assertThat(texts.read("job-a", JobTexts.Kind.CONTENT, 70)).isEmpty();
        assertThat(keys()).containsExactly("job-a2/c/0");
        assertThat(texts.read("job-a2", JobTexts.Kind.CONTENT, 1)).isEqualTo("other");
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
