package io.tributary.system;

import java.time.Duration;
import java.util.Date;
import java.util.function.BiFunction;

import com.nimbusds.jose.JWSAlgorithm;
import org.jspecify.annotations.Nullable;

/**
 * Every way a bearer token can be wrong. Each differs from a {@linkplain BearerTokens#valid good token}
 * of the same user in one respect, so a service that accepts one of them has a hole exactly there.
 * A token is null when the request carries no {@code Authorization} header at all.
 */
enum BadToken {

    MISSING("no Authorization header", (tokens, user) -> null),
    EMPTY("an empty bearer token", (tokens, user) -> ""),
    MALFORMED("not a JWT", (tokens, user) -> "not-a-jwt-" + user),
    GARBLED("three segments that are not base64url JSON", (tokens, user) -> "e30.!!!." + user),
    FORGED("signed with another secret", (tokens, user) -> JwtMinter.hmac(JWSAlgorithm.HS256,
            "a-forger's-secret-that-is-long-enough-for-hs256", tokens.claims(user, Duration.ofHours(1)).build())),
    ALG_NONE("alg: none, no signature", (tokens, user) -> JwtMinter.unsigned(tokens.claims(user, Duration.ofHours(1)).build())),
    HS384("HS384 with the right secret (an algorithm not configured)", (tokens, user) -> JwtMinter.hmac(JWSAlgorithm.HS384,
            tokens.secret(), tokens.claims(user, Duration.ofHours(1)).build())),
    RS256("RS256 with a key the services do not know",
            (tokens, user) -> JwtMinter.rs256WithUnknownKey(tokens.claims(user, Duration.ofHours(1)).build())),
    EXPIRED("expired five minutes ago, far beyond the clock skew", (tokens, user) -> tokens.sign(tokens.claims(user, Duration.ofHours(1))
            .issueTime(Date.from(tokens.now().minus(Duration.ofHours(1))))
            .expirationTime(Date.from(tokens.now().minus(Duration.ofMinutes(5)))).build())),
    NOT_YET_VALID("valid only from five minutes on", (tokens, user) -> tokens.sign(tokens.claims(user, Duration.ofHours(1))
            .notBeforeTime(Date.from(tokens.now().plus(Duration.ofMinutes(5)))).build())),
    WRONG_ISSUER("issued by another issuer", (tokens, user) -> tokens.sign(tokens.claims(user, Duration.ofHours(1))
            .issuer("https://evil.example").build())),
    NO_ISSUER("without an issuer", (tokens, user) -> tokens.sign(tokens.claims(user, Duration.ofHours(1))
            .issuer(null).build())),
    WRONG_AUDIENCE("meant for another audience", (tokens, user) -> tokens.sign(tokens.claims(user, Duration.ofHours(1))
            .audience("another-api").build())),
    NO_AUDIENCE("without an audience", (tokens, user) -> tokens.sign(tokens.claims(user, Duration.ofHours(1))
            .audience((String) null).build()));

    private final String description;
    private final BiFunction<BearerTokens, String, @Nullable String> maker;

    BadToken(String description, BiFunction<BearerTokens, String, @Nullable String> maker) {
        this.description = description;
        this.maker = maker;
    }

    /** The bad token claiming to be {@code user}, or null for a request without a token. */
    @Nullable String of(BearerTokens tokens, String user) {
        return maker.apply(tokens, user);
    }

    @Override
    public String toString() {
        return description;
    }
}
