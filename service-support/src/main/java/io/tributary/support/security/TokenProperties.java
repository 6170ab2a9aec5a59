package io.tributary.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How bearer tokens are checked.
 *
 * @param jwtSecret the HS256 secret that signs users' JWTs, at least 32 bytes (UTF-8); no default,
 *     so that a service never starts with a secret that is published in its own source
 */
@ConfigurationProperties("tributary.security")
public record TokenProperties(String jwtSecret) {

    static final int MIN_SECRET_BYTES = 32;
}
