package io.tributary.gateway.streams;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a stream was created: what a repeated {@code PUT} must match to be answered 200 rather than 409,
 * and what governs its life.
 *
 * @param contentType as sent (or inherited from a fork's source, or the default); echoed verbatim
 * @param requestedTtl {@code Stream-TTL} as requested, if it was
 * @param requestedExpiresAt {@code Stream-Expires-At} as requested, if it was
 * @param ttlSeconds the sliding idle window in force: requested, or a fork's source's
 * @param expiresAt the absolute end in force: requested, or a fork's source's
 * @param owner the creator's user id; null for a stream created anonymously
 * @param forkedFrom the source's path, for a fork
 * @param requestedForkOffset {@code Stream-Fork-Offset} as requested (null: the source's tail then)
 * @param forkSubOffset {@code Stream-Fork-Sub-Offset} (0: none)
 */
record StreamSettings(String contentType, @Nullable Long requestedTtl, @Nullable String requestedExpiresAt,
        @Nullable Long ttlSeconds, @Nullable Instant expiresAt, @Nullable String owner,
        @Nullable String forkedFrom, @Nullable Long requestedForkOffset, long forkSubOffset) {

    /** Whether a repeated {@code PUT} asks for this same stream. */
    boolean sameAs(StreamSettings requested, long forkPoint) {
        return ContentTypes.mediaType(contentType).equals(ContentTypes.mediaType(requested.contentType))
                && Objects.equals(requestedTtl, requested.requestedTtl)
                && Objects.equals(requestedExpiresAt, requested.requestedExpiresAt)
                && Objects.equals(forkedFrom, requested.forkedFrom)
                && (requested.requestedForkOffset == null || requested.requestedForkOffset == forkPoint)
                && forkSubOffset == requested.forkSubOffset;
    }

    /** Whether the stream's time is up at {@code now}, having last been used at {@code lastUsed}. */
    boolean expired(Instant lastUsed, Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return true;
        }
        return ttlSeconds != null && !now.isBefore(lastUsed.plusSeconds(ttlSeconds));
    }
}
