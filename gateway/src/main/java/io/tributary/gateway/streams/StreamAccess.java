package io.tributary.gateway.streams;

import java.util.Optional;

import io.tributary.support.security.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Who may do what to a stream. A stream created with a token belongs to its creator: only they may
 * read, append to, fork or delete it. A stream created anonymously (possible only under the paths
 * {@code tributary.security.anonymous-paths} opens) belongs to no one. Jobs ({@code jobs/{id}}) are
 * read under the job API's rules by {@link JobStreams}.
 */
final class StreamAccess {

    static final String JOBS = "jobs/";

    private final JobStreams jobs;

    StreamAccess(JobStreams jobs) {
        this.jobs = jobs;
    }

    /** The caller's token; empty for an anonymous request (which security let through). */
    Mono<Optional<Jwt>> caller(ServerRequest request) {
        return request.principal()
                .map(principal -> principal instanceof Authentication authentication
                        && authentication.getPrincipal() instanceof Jwt token ? Optional.of(token) : Optional.<Jwt>empty())
                .defaultIfEmpty(Optional.empty());
    }

    static @Nullable String user(@Nullable Jwt token) {
        return token == null ? null : Users.of(token);
    }

    void checkOwner(DurableStream stream, @Nullable String caller) {
        String owner = stream.settings().owner();
        if (owner != null && !owner.equals(caller)) {
            // The same answer as no stream at all: a path says nothing about another user's streams.
            throw new ProtocolException(404, "No such stream");
        }
    }

    boolean isJobPath(String path) {
        return path.startsWith(JOBS);
    }

    Mono<ServerResponse> jobStream(ServerRequest request, String path, @Nullable Jwt token) {
        if (token == null) {
            throw new ProtocolException(401, "A job's stream needs a bearer token");
        }
        return jobs.handle(request, path.substring(JOBS.length()), token);
    }
}
