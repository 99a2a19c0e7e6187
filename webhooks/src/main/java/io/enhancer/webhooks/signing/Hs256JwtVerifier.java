package io.enhancer.webhooks.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a short-lived HS256 JWT in {@code Authorization: Bearer <jwt>} (RFC 7519 subset): the header's alg must
 * be exactly HS256 (no "none", no algorithm confusion), the signature must match one of the secrets, {@code exp} is
 * required, {@code nbf}/{@code iat} are honoured, each with {@code clockSkew}, and a token may not live longer than
 * {@code maxLifetime}.
 */
public final class Hs256JwtVerifier implements RequestAuthenticator {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_CHARS = 8192;

    private final List<WebhookSecret> secrets;
    private final Duration clockSkew;
    private final Duration maxLifetime;
    private final Clock clock;

    public Hs256JwtVerifier(List<WebhookSecret> secrets, Duration clockSkew, Duration maxLifetime, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one JWT secret is required");
        }
        for (WebhookSecret secret : secrets) {
            if (secret.key().length < 32) {
                throw new IllegalArgumentException("HS256 secrets must be at least 32 bytes (RFC 7518 3.2), got "
                        + secret.key().length);
            }
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("JWT clock skew must not be negative, got " + clockSkew);
        }
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("JWT max lifetime must be positive, got " + maxLifetime);
        }
        this.secrets = List.copyOf(secrets);
        this.clockSkew = clockSkew;
        this.maxLifetime = maxLifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void authenticate(RequestHeaders headers, byte[] rawBody) {
        String authorization = headers.first("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException(AuthenticationException.Reason.MISSING, "missing Authorization: Bearer token");
        }
        verify(authorization.substring(7).trim());
    }

    /** Verifies the compact token and returns its claims. */
    public JsonNode verify(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid("token too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("token is not a compact JWS");
        }
        JsonNode header = decodeJson(parts[0]);
        if (!"HS256".equals(header.path("alg").asText(null))) {
            throw invalid("token alg must be HS256");
        }
        checkSignature(parts);
        JsonNode claims = decodeJson(parts[1]);
        checkTimes(claims);
        return claims;
    }

    private void checkSignature(String[] parts) {
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid("token signature is not base64url");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (WebhookSecret secret : secrets) {
            matched |= MessageDigest.isEqual(HmacSha256.mac(secret, signingInput), presented);
        }
        if (!matched) {
            throw new AuthenticationException(AuthenticationException.Reason.MISMATCH, "token signature mismatch");
        }
    }

    private void checkTimes(JsonNode claims) {
        long now = clock.instant().getEpochSecond();
        long skew = clockSkew.toSeconds();
        Long exp = numericDate(claims, "exp");
        if (exp == null) {
            throw invalid("token has no exp claim");
        }
        if (now > exp + skew) {
            throw stale("token expired");
        }
        Long nbf = numericDate(claims, "nbf");
        if (nbf != null && nbf > now + skew) {
            throw stale("token not valid yet (nbf)");
        }
        Long iat = numericDate(claims, "iat");
        if (iat != null && iat > now + skew) {
            throw stale("token issued in the future (iat)");
        }
        long issuedAt = iat != null ? iat : now;
        if (exp - issuedAt > maxLifetime.toSeconds() + skew) {
            throw invalid("token lifetime exceeds " + maxLifetime.toSeconds() + " s");
        }
    }

    private static Long numericDate(JsonNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalid("token claim " + name + " must be a NumericDate");
        }
        return value.asLong();
    }

    private static JsonNode decodeJson(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw invalid("token segment is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw invalid("token segment is not base64url JSON");
        }
    }

    private static AuthenticationException invalid(String message) {
        return new AuthenticationException(AuthenticationException.Reason.MALFORMED, message);
    }

    private static AuthenticationException stale(String message) {
        return new AuthenticationException(AuthenticationException.Reason.STALE, message);
    }
}
