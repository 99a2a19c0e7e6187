package io.enhancer.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** For senders that cannot sign: a fixed token in a configured header; several tokens accepted for rotation. */
public final class StaticTokenVerifier implements RequestAuthenticator {
    private final String headerName;
    private final List<byte[]> tokens;

    public StaticTokenVerifier(String headerName, List<String> tokens) {
        if (headerName == null || headerName.isBlank()) {
            throw new IllegalArgumentException("static token header name must not be blank");
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("at least one static token is required for header " + headerName);
        }
        for (String token : tokens) {
            if (token.length() < 16) {
                throw new IllegalArgumentException("static tokens must be at least 16 characters, got one of "
                        + token.length() + " for header " + headerName);
            }
        }
        this.headerName = headerName;
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void authenticate(RequestHeaders headers, byte[] rawBody) {
        String presented = headers.first(headerName);
        if (presented == null || presented.isEmpty()) {
            throw new AuthenticationException(AuthenticationException.Reason.MISSING, "missing " + headerName + " header");
        }
        byte[] presentedBytes = presented.trim().getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] token : tokens) {
            matched |= MessageDigest.isEqual(token, presentedBytes);
        }
        if (!matched) {
            throw new AuthenticationException(AuthenticationException.Reason.MISMATCH, "invalid " + headerName + " token");
        }
    }
}
