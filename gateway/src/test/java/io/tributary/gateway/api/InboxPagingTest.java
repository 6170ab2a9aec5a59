package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class InboxPagingTest {

    @Test
    void shouldDefaultToFiftyFromTheNewest() {
        assertThat(InboxPaging.parse(null, null)).isEqualTo(new InboxPaging(50, null));
    }

    @Test
    void shouldTakeLimitsFromOneToTwoHundredAndAnEventId() {
        assertThat(InboxPaging.parse("1", "0")).isEqualTo(new InboxPaging(1, 0L));
        assertThat(InboxPaging.parse("200", "123456")).isEqualTo(new InboxPaging(200, 123456L));
    }

    @Test
    void shouldRefuseEveryOtherLimitOrCursor() {
        for (String limit : new String[] {"0", "201", "1000", "abc", "-1", "", " 5", "5 ", "99999999999999999999",
                "9223372036854775808", "1e2", "0x10", "\uFF15", "5\u0000", "+5"}) {
            assertThatThrownBy(() -> InboxPaging.parse(limit, null)).as(limit)
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        }
        for (String before : new String[] {"abc", "-1", "", "1.5", "99999999999999999999", "9223372036854775808",
                "1e3", "0x10", "\uFF11", " 1", "+1"}) {
            assertThatThrownBy(() -> InboxPaging.parse(null, before)).as(before)
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        }
    }
}
