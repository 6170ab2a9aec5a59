package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class StatusFilterTest {

    @Test
    void shouldTakeTheFourStatusNamesInAnyCase() {
        assertThat(StatusFilter.parse("streaming")).contains(JobStatus.STREAMING);
        assertThat(StatusFilter.parse("Complete")).contains(JobStatus.COMPLETE);
        assertThat(StatusFilter.parse("ERROR")).contains(JobStatus.ERROR);
        assertThat(StatusFilter.parse(" aborted ")).contains(JobStatus.ABORTED);
    }

    @Test
    void shouldMeanEveryStatusWhenAbsent() {
        assertThat(StatusFilter.parse(null)).isEqualTo(Optional.empty());
    }

    @Test
    void shouldRefuseAnythingElseNamingWhatIsAccepted() {
        for (String bad : new String[] {"unknown", "", "running", "streaming,complete"}) {
            assertThatThrownBy(() -> StatusFilter.parse(bad))
                    .isInstanceOfSatisfying(ResponseStatusException.class, e -> {
                        assertThat(e.getStatusCode().value()).isEqualTo(400);
                        assertThat(e.getReason()).isEqualTo("status must be one of streaming, complete, error, aborted");
                    });
        }
    }
}
