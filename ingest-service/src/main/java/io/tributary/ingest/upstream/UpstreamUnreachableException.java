package io.tributary.ingest.upstream;

/** No HTTP answer could be had from the upstream: refused or failed connection, TLS, DNS. */
public class UpstreamUnreachableException extends RuntimeException {

    public UpstreamUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
