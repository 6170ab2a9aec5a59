package io.tributary.simulator;

import java.util.Arrays;
import java.util.Optional;

/** How a simulated completion goes wrong, so that tests can exercise the pipeline's failure paths. */
public enum FailMode {

    /** The reply completes normally. */
    NONE("none"),

    /** The request is refused with HTTP 500 and an OpenRouter-style error body; nothing is streamed. */
    HTTP_500("http_500"),

    /**
     * Half of the content is streamed, then an error chunk ({@code finish_reason: "error"}) with HTTP 200,
     * as OpenRouter reports a provider failure after the stream has started; no {@code [DONE]} follows.
     */
    MIDSTREAM_ERROR("midstream_error"),

    /** Half of the content is streamed, then the connection is closed without ending the response. */
    DISCONNECT("disconnect");

    private final String wireName;

    FailMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in requests ({@code "simulator": {"fail": "..."}} or {@code X-Simulator-Fail}). */
    public String wireName() {
        return wireName;
    }

    static Optional<FailMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.wireName.equals(name)).findFirst();
    }
}
