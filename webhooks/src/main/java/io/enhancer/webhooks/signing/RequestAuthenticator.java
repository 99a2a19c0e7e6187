package io.enhancer.webhooks.signing;

/** One way a sender proves who it is. Implementations throw {@link AuthenticationException}. */
public interface RequestAuthenticator {
    void authenticate(RequestHeaders headers, byte[] rawBody);
}
