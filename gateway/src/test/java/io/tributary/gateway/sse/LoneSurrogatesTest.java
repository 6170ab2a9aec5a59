package io.tributary.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoneSurrogatesTest {

    private static final char HIGH = '\uD83D';
    private static final char LOW = '\uDC4B';
    private static final String WAVE = "" + HIGH + LOW;

    @Test
    void shouldLeaveATextWithoutLoneSurrogatesAsItIs() {
        String json = "{\"a\":\"h\u00e9llo " + WAVE + WAVE + "\"}";

        assertThat(LoneSurrogates.escape(json)).isSameAs(json);
    }

    @Test
    void shouldEscapeAHighSurrogateAtTheEndAndALowOneAtTheStart() {
        assertThat(LoneSurrogates.escape("\"hi " + HIGH + "\"")).isEqualTo("\"hi \\ud83d\"");
        assertThat(LoneSurrogates.escape("\"" + LOW + "!\"")).isEqualTo("\"\\udc4b!\"");
    }

    @Test
    void shouldEscapeBothHalvesOfAReversedPair() {
        assertThat(LoneSurrogates.escape("\"" + LOW + HIGH + "\"")).isEqualTo("\"\\udc4b\\ud83d\"");
    }

    @Test
    void shouldEscapeHalvesThatAnEscapedCharacterSeparates() {
        // As Jackson writes "\uD83D\n\uDC4B": the LF between the halves is escaped, the halves stay apart.
        assertThat(LoneSurrogates.escape("\"" + HIGH + "\\n" + LOW + "\"")).isEqualTo("\"\\ud83d\\n\\udc4b\"");
    }

    @Test
    void shouldPairTheSecondOfTwoHighSurrogatesWithTheLowOneThatFollows() {
        assertThat(LoneSurrogates.escape("\"" + HIGH + WAVE + LOW + "\"")).isEqualTo("\"\\ud83d" + WAVE + "\\udc4b\"");
    }

    @Test
    void shouldKeepPairsBetweenLoneSurrogatesRaw() {
        assertThat(LoneSurrogates.escape("[\"" + WAVE + LOW + WAVE + "\",\"" + HIGH + "\"]"))
                .isEqualTo("[\"" + WAVE + "\\udc4b" + WAVE + "\",\"\\ud83d\"]");
    }
}
