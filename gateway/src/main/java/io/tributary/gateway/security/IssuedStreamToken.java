package io.tributary.gateway.security;

import java.time.Instant;

/** A stream token and the moment it stops opening its stream. */
public record IssuedStreamToken(String token, Instant expiresAt) {
}
