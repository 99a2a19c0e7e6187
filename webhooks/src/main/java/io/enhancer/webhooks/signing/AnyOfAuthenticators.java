package io.enhancer.webhooks.signing;

import java.util.List;

/**
 * A source may accept several schemes (e.g. HMAC and a JWT while a sender migrates); the first that passes wins.
 * When all fail, the error reported is the one from a scheme the sender actually attempted, not "missing".
 */
public final class AnyOfAuthenticators implements RequestAuthenticator {
    private final List<RequestAuthenticator> schemes;

    public AnyOfAuthenticators(List<RequestAuthenticator> schemes) {
        if (schemes.isEmpty()) {
            throw new IllegalArgumentException("at least one authentication scheme is required");
        }
        this.schemes = List.copyOf(schemes);
    }

    @Override
    public void authenticate(RequestHeaders headers, byte[] rawBody) {
        AuthenticationException reported = null;
        for (RequestAuthenticator scheme : schemes) {
            try {
                scheme.authenticate(headers, rawBody);
                return;
            } catch (AuthenticationException failure) {
                if (reported == null || reported.reason() == AuthenticationException.Reason.MISSING) {
                    reported = failure;
                }
            }
        }
        if (reported.reason() == AuthenticationException.Reason.MISSING && schemes.size() > 1) {
            throw new AuthenticationException(AuthenticationException.Reason.MISSING, "missing credentials");
        }
        throw reported;
    }
}
