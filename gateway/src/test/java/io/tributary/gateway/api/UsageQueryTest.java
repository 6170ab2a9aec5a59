package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.tributary.schema.UsageWindowKind;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** What {@code /api/usage} asks for: the size, the widened range, whose figures, and what is refused. */
class UsageQueryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:42:13Z");

    @Test
    void shouldWidenTheRangeToTheWindowsThatHoldItsEnds() {
        UsageQuery query = UsageQuery.parse("hour", "2026-12-07T08:30:00Z", "2026-12-07T10:00:01Z", null, null, "alice", NOW);

        assertThat(query.kind()).isEqualTo(UsageWindowKind.HOUR);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(query.user()).as("one's own by default").isEqualTo("alice");
    }

    @Test
    void shouldDefaultToHourlyWindowsUpToNowAndTakeEveryoneAsTheStar() {
        UsageQuery query = UsageQuery.parse(null, "2026-12-06T00:00:00Z", null, "m/a", "*", "auditor", NOW);

        assertThat(query.kind()).isEqualTo(UsageWindowKind.HOUR);
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(query.user()).isNull();
        assertThat(query.model()).isEqualTo("m/a");
    }

    @Test
    void shouldAlignDaysToUtcMidnight() {
        UsageQuery query = UsageQuery.parse("day", "2026-12-07T23:59:59+02:00", "2026-12-08T00:00:00Z", null, null, "a", NOW);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    }

    @Test
    void shouldRefuseWhatIsMalformedOrUnbounded() {
        for (String[] bad : new String[][] {
                {"week", "2026-12-07T00:00:00Z", null}, {"hour", null, null}, {"hour", "yesterday", null},
                {"hour", "2026-12-07T10:00:00Z", "2026-12-07T09:00:00Z"},
                {"minute", "2026-12-01T00:00:00Z", "2026-12-07T00:00:00Z"}, {"day", "1969-12-31T00:00:00Z", null}}) {
            assertThatThrownBy(() -> UsageQuery.parse(bad[0], bad[1], bad[2], null, null, "alice", NOW))
                    .as(String.join(" ", java.util.Arrays.stream(bad).map(String::valueOf).toList()))
                    .isInstanceOf(ResponseStatusException.class)
                    .satisfies(error -> assertThat(((ResponseStatusException) error).getStatusCode().value()).isEqualTo(400));
        }
        assertThatThrownBy(() -> UsageQuery.parse("hour", "2026-12-07T00:00:00Z", null, " ", null, "a", NOW))
                .isInstanceOf(ResponseStatusException.class);
    }
}
