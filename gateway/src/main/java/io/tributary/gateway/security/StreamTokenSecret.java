package io.tributary.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import io.tributary.support.security.TokenProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key of stream tokens: the configured secret, or a random one for this process alone. A random key
 * is safe (nobody can know it) but only this gateway accepts its tokens, which breaks browsers whose
 * stream request reaches another gateway, hence the warning.
 */
final class StreamTokenSecret {

    static final int MIN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(StreamTokenSecret.class);

    private StreamTokenSecret() {
    }

    static byte[] resolve(StreamTokenProperties streamTokens, TokenProperties bearerTokens) {
        String secret = streamTokens.secret();
        if (secret == null || secret.isEmpty()) {
            log.warn("tributary.security.stream-token.secret (TRIBUTARY_SECURITY_STREAMTOKEN_SECRET) is not set: "
                    + "stream tokens use a random secret of this process, so a stream token works only on the gateway "
                    + "that issued it. Set the same secret on every gateway behind one address.");
            byte[] random = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException("tributary.security.stream-token.secret must be at least " + MIN_BYTES
                    + " bytes");
        }
        String bearerSecret = bearerTokens.jwtSecret();
        if (bearerSecret != null && Arrays.equals(bytes, bearerSecret.getBytes(StandardCharsets.UTF_8))) {
            // With one key, a leaked stream-token URL would be one check away from a user's full credential.
            throw new IllegalStateException("tributary.security.stream-token.secret must differ from "
                    + "tributary.security.jwt-secret");
        }
        return bytes;
    }
}
