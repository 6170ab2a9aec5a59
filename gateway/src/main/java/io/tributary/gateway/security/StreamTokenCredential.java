package io.tributary.gateway.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A stream token as a request presents it, with the stream the request asks for; not checked yet. */
final class StreamTokenCredential extends AbstractAuthenticationToken {

    private final String token;
    private final StreamScope requested;

    StreamTokenCredential(String token, StreamScope requested) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.token = token;
        this.requested = requested;
    }

    String token() {
        return token;
    }

    StreamScope requested() {
        return requested;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    /** The stream asked for: the user is not known until the token is checked. */
    @Override
    public Object getPrincipal() {
        return requested.claim();
    }
}
