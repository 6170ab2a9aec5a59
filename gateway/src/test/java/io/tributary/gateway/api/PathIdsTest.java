package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class PathIdsTest {

    private static final List<UnaryOperator<String>> EVERY_KIND = List.of(PathIds::job, PathIds::notification,
            PathIds::thread);

    @Test
    void shouldTakeUuidsPrefixedIdsAndTwoHundredCharacters() {
        for (UnaryOperator<String> check : EVERY_KIND) {
            String uuid = UUID.randomUUID().toString();
            assertThat(check.apply(uuid)).isEqualTo(uuid);
            assertThat(check.apply("job:" + uuid)).isEqualTo("job:" + uuid);
            assertThat(check.apply("thread_1:a.b-c")).isEqualTo("thread_1:a.b-c");
            assertThat(check.apply("x".repeat(200))).hasSize(200);
        }
    }

    @Test
    void shouldRefuseEveryOtherIdWithABadRequestThatDoesNotEchoIt() {
        List<String> bad = List.of("", "x".repeat(201), "a b", "a/b", "ä", "a%2Fb", "\u0000", "a\nb", "\uD83D\uDC4B",
                "\uD800", "a;b", "<script>", "a\u2028b", "１");
        for (UnaryOperator<String> check : EVERY_KIND) {
            for (String id : bad) {
                assertThatThrownBy(() -> check.apply(id)).as(id)
                        .isInstanceOfSatisfying(ResponseStatusException.class, e -> {
                            assertThat(e.getStatusCode().value()).isEqualTo(400);
                            assertThat(e.getReason()).contains("must be 1 to 200 characters");
                            if (!id.isEmpty()) {
                                assertThat(e.getReason()).doesNotContain(id);
                            }
                        });
            }
        }
    }

    @Test
    void shouldNameTheKindOfIdInTheError() {
        assertThatThrownBy(() -> PathIds.job("a b")).hasMessageContaining("jobId");
        assertThatThrownBy(() -> PathIds.notification("a b")).hasMessageContaining("notificationId");
        assertThatThrownBy(() -> PathIds.thread("a b")).hasMessageContaining("threadId");
    }
}
