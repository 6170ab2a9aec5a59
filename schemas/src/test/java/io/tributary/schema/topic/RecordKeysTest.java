package io.tributary.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordKeysTest {

    @Test
    void shouldKeepPairsApartWhateverTheirIdsHold() {
        assertThat(RecordKeys.thread("a/b", "c")).isNotEqualTo(RecordKeys.thread("a", "b/c"));
        assertThat(RecordKeys.mark("a%2F", "b")).isNotEqualTo(RecordKeys.mark("a/", "b"));
    }

    @Test
    void shouldStayReadableForPlainIds() {
        assertThat(RecordKeys.thread("user-1", "thread-7")).isEqualTo("user-1/thread-7");
        assertThat(RecordKeys.mark("user-1", "all-read")).isEqualTo("user-1/all-read");
    }
}
