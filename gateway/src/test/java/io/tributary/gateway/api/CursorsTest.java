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
        for (String bad : new String[] {"-1", "-0", "abc", "1.5", "", " ", "+3", "99999999999999999999",
                "9223372036854775808", "1e3", "0x10", " 1", "1 ", "\uFF11", "\u0661", "1\u0000", "NaN", "Infinity"}) {
            assertThatThrownBy(() -> Cursors.parse(null, bad, null, null))
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
        for (String header : new String[] {"x", "-1", "99999999999999999999", "1e3", "1 2", "\uFF11"}) {
            assertThatThrownBy(() -> Cursors.parse(header, null, null, null)).as(header)
                    .isInstanceOfSatisfying(ResponseStatusException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST));
        }
        assertThatThrownBy(() -> Cursors.parse("3", null, null, "-5")).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> Cursors.offset("ten")).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> Cursors.offset("")).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> Cursors.offset("-7")).isInstanceOf(ResponseStatusException.class);
        assertThatThrownBy(() -> Cursors.offset("99999999999999999999")).isInstanceOf(ResponseStatusException.class);
    }

    @Test
    void shouldTakeTheLargestCursorOfEighteenDigitsAndTrimTheHeader() {
        assertThat(Cursors.parse(" 7 ", null, null, null)).isEqualTo(new Cursor.AfterEvent(7));
        assertThat(Cursors.parse(null, "999999999999999999", null, null)).isEqualTo(new Cursor.AfterEvent(999_999_999_999_999_999L));
        assertThat(Cursors.offset("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }
}
