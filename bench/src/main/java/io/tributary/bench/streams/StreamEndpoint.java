package io.tributary.bench.streams;

import org.jspecify.annotations.Nullable;

/**
 * Where one target serves Durable Streams, and how the bench calls it.
 *
 * @param target which server this is
 * @param baseUrl e.g. {@code http://127.0.0.1:4437}; streams are under {@code /v1/stream/}
 * @param token the bearer token every request carries, or null for a server that takes none
 */
record StreamEndpoint(TargetServer target, String baseUrl, @Nullable String token) {

    static final String PREFIX = "/v1/stream/";

    String streamUrl(String path) {
        return baseUrl + PREFIX + path;
    }
}
