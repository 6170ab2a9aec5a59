package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.gateway.timeline.Cursor;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class CursorsTest {

    @Test
    void shouldPreferTheHeaderThenTheQueryIdsThenTheOffset() {
        assertThat(Cursors.parse("7", "8", "9", "10")).isEqualTo(new Cursor.AfterEvent(7));
        assertThat(Cursors.parse(null, "8", "9", "10")).isEqualTo(new Cursor.AfterEvent(8));
        assertThat(Cursors.parse(null, null, "9", "10")).isEqualTo(new Cursor.AfterEvent(9));
        assertThat(Cursors.parse(null, null, null, "10")).isEqualTo(new Cursor.FromOffset(10));
        assertThat(Cursors.parse(null, null, null, null)).isEqualTo(new Cursor.Fresh());
    }

    @Test
    void shouldTreatAnEmptyLastEventIdHeaderAsNone() {
        assertThat(Cursors.parse(" ", null, null, "3")).isEqualTo(new Cursor.FromOffset(3));
    }

    @Test
    void shouldRefuseNegativeOrNonNumericValuesWithABadRequest() {
        for (String bad : new String[] {"-1", "abc", "1.5", "", "+3", "99999999999999999999"}) {
            assertThatThrownBy(() -> Cursors.parse(null, bad, null, null))
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
        assertThatThrownBy(() -> Cursors.parse("x", null, null, null)).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> Cursors.parse("3", null, null, "-5")).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> Cursors.offset("ten")).isInstanceOf(ResponseStatusException.class);
    }
}
