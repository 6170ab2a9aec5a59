package io.tributary.gateway.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.topic.RecordKeys;
import org.junit.jupiter.api.Test;

class ThreadPreferencesTest {

    private final ThreadPreferences preferences = new ThreadPreferences();

    @Test
    void shouldFollowTheLatestRecordOfAThreadAndUnmuteOnATombstone() {
        apply("alice", "t1", true);
        assertThat(preferences.isMuted("alice", "t1")).isTrue();
        assertThat(preferences.isMuted("bob", "t1")).isFalse();
        assertThat(preferences.isMuted("alice", "t2")).isFalse();

        apply("alice", "t1", false);
        assertThat(preferences.isMuted("alice", "t1")).isFalse();

        apply("alice", "t1", true);
        preferences.apply(new ReplicatedRecord<>(RecordKeys.thread("alice", "t1"), null, 0, 9));
        assertThat(preferences.isMuted("alice", "t1")).isFalse();
        assertThat(preferences.mutedThreads()).isZero();
    }

    @Test
    void shouldNotConfuseUsersAndThreadsWhoseIdsContainTheSeparator() {
        apply("a/b", "c", true);

        assertThat(preferences.isMuted("a", "b/c")).isFalse();
        assertThat(preferences.isMuted("a/b", "c")).isTrue();
    }

    private void apply(String userId, String threadId, boolean muted) {
        ThreadPreference preference = new ThreadPreference(userId, threadId, muted, Instant.EPOCH);
        preferences.apply(new ReplicatedRecord<>(RecordKeys.thread(userId, threadId), preference, 0, 0));
    }
}
