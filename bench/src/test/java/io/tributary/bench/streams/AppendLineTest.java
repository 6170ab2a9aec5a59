package io.tributary.bench.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppendLineTest {

    @Test
    void shouldReadBackWhatItWroteWithinALongerText() {
        String text = "x" + AppendLine.format(41, 123_456_789_012L) + AppendLine.format(42, -5);
        int firstEnd = text.indexOf('\n');

        assertThat(AppendLine.parse(text, 1, firstEnd)).isEqualTo(new AppendLine(41, 123_456_789_012L));
        assertThat(AppendLine.parse(text, firstEnd + 1, text.length() - 1)).isEqualTo(new AppendLine(42, -5));
    }

    @Test
    void shouldRefuseWhatTheBenchDidNotWrite() {
        assertThat(AppendLine.parse("12", 0, 2)).isNull();
        assertThat(AppendLine.parse("1 x", 0, 3)).isNull();
        assertThat(AppendLine.parse(" 5", 0, 2)).isNull();
        assertThat(AppendLine.parse("1 ", 0, 2)).isNull();
    }
}
