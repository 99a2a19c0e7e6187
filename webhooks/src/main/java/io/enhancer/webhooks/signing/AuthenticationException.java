package io.enhancer.webhooks.signing;

/** A request whose credentials are missing, malformed, stale or wrong. Maps to HTTP 401 at the edge. */
public final class AuthenticationException extends RuntimeException {
    public enum Reason { MISSING, MALFORMED, STALE, MISMATCH }

    private final Reason reason;

    public AuthenticationException(Reason reason, String publicMessage) {
        super(publicMessage, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
