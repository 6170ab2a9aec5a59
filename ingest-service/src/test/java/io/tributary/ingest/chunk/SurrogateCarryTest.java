package io.tributary.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurrogateCarryTest {

    private static final String WAVE = "\uD83D\uDC4B";
    private static final String HIGH = "\uD83D";
    private static final String LOW = "\uDC4B";

    private final SurrogateCarry carry = new SurrogateCarry();

    @Test
    void shouldPassTextWithoutSurrogatesOrWithWholePairsUnchanged() {
        assertThat(carry.next("caf\u00e9 \u2028 \0")).isEqualTo("caf\u00e9 \u2028 \0");
        assertThat(carry.next("hi " + WAVE + "!")).isEqualTo("hi " + WAVE + "!");
        assertThat(carry.release()).isEmpty();
    }

    @Test
    void shouldJoinAPairSplitAcrossTwoPieces() {
        assertThat(carry.next("hi " + HIGH)).isEqualTo("hi ");
        assertThat(carry.next(LOW + " there")).isEqualTo(WAVE + " there");
        assertThat(carry.release()).isEmpty();
    }

    @Test
    void shouldCarryAHalfThroughAPieceThatIsNothingButThatHalf() {
        assertThat(carry.next(HIGH)).isEmpty();
        assertThat(carry.next("")).isEmpty();
        assertThat(carry.next(LOW)).isEqualTo(WAVE);
    }

    @Test
    void shouldReplaceLoneHalvesInsideAPiece() {
        assertThat(carry.next("a" + LOW + "b" + HIGH + "c" + HIGH + HIGH + LOW))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFD" + WAVE);
    }

    @Test
    void shouldReplaceAHeldHalfThatTheNextPieceDoesNotComplete() {
        assertThat(carry.next("a" + HIGH)).isEqualTo("a");
        assertThat(carry.next("b")).isEqualTo("\uFFFDb");
    }

    @Test
    void shouldHoldOnlyTheLastOfTwoTrailingHighHalves() {
        assertThat(carry.next("a" + HIGH + HIGH)).isEqualTo("a\uFFFD");
        assertThat(carry.next(LOW)).isEqualTo(WAVE);
    }

    @Test
    void shouldReleaseAHeldHalfAsTheReplacementCharacterOnce() {
        carry.next("a" + HIGH);

        assertThat(carry.release()).isEqualTo("\uFFFD");
        assertThat(carry.release()).isEmpty();
        assertThat(carry.next(LOW)).isEqualTo("\uFFFD");
    }
}
