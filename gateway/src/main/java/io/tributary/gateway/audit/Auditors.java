package io.tributary.gateway.audit;

import java.util.Arrays;
import java.util.Collection;

import org.springframework.security.oauth2.jwt.Jwt;

/** Tells an auditor's token from a user's: the configured claim holds the configured value. */
public final class Auditors {

    private final String claim;
    private final String value;

    public Auditors(AuditProperties properties) {
        this.claim = properties.claim();
        this.value = properties.value();
    }

    public boolean isAuditor(Jwt token) {
        Object granted = token.getClaims().get(claim);
        if (granted instanceof String text) {
            return Arrays.asList(text.trim().split("\\s+")).contains(value);
        }
        if (granted instanceof Collection<?> values) {
            return values.stream().anyMatch(item -> value.equals(String.valueOf(item)));
        }
        return false;
    }
}
