package io.tributary.gateway.security;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

/** The one stream a stream token opens: a job's stream, or the user's notification feed. */
public sealed interface StreamScope {

    /** The value of the token's {@code scope} claim. */
    String claim();

    /** The path of the stream, as a client requests it. */
    String streamPath();

    /** {@code GET /api/jobs/{jobId}/stream}. */
    record Job(String jobId) implements StreamScope {

        @Override
        public String claim() {
            return "job:" + jobId;
        }

        @Override
        public String streamPath() {
            return "/api/jobs/" + UriUtils.encodePathSegment(jobId, StandardCharsets.UTF_8) + "/stream";
        }
    }

    /** {@code GET /api/notifications/stream}. */
    record Notifications() implements StreamScope {

        @Override
        public String claim() {
            return "notifications";
        }

        @Override
        public String streamPath() {
            return "/api/notifications/stream";
        }
    }
}
