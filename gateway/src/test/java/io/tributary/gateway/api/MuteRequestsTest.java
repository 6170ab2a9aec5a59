package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

class MuteRequestsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldTakeAJsonBoolean() {
        assertThat(MuteRequests.muted(json.readTree("{\"muted\":true}"))).isTrue();
        assertThat(MuteRequests.muted(json.readTree("{\"muted\":false,\"other\":1}"))).isFalse();
    }

    @Test
    void shouldRefuseAnythingButAnObjectWithABooleanMuted() {
        for (String body : new String[] {"{}", "{\"muted\":\"true\"}", "{\"muted\":1}", "{\"muted\":null}",
                "[true]", "true", "\"muted\""}) {
            assertThatThrownBy(() -> MuteRequests.muted(json.readTree(body))).as(body)
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        }
        assertThatThrownBy(() -> MuteRequests.muted(null)).isInstanceOf(ResponseStatusException.class);
    }
}
