package io.enhancer.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Verifies {@code X-Enhancer-Signature} over the exact raw bytes: any configured secret (rotation), constant-time
 * comparison, and the timestamp within {@code tolerance} of the injected clock in both directions (replay).
 */
public final class SignatureVerifier implements RequestAuthenticator {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<WebhookSecret> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public SignatureVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one HMAC secret is required");
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("signature tolerance must be positive, got " + tolerance);
        }
        this.secrets = List.copyOf(secrets);
        this.tolerance = tolerance;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void authenticate(RequestHeaders headers, byte[] rawBody) {
        verify(headers.first(PayloadSigner.SIGNATURE_HEADER), rawBody);
    }

    public void verify(String signatureHeader, byte[] rawBody) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new AuthenticationException(AuthenticationException.Reason.MISSING,
                    "missing " + PayloadSigner.SIGNATURE_HEADER + " header");
        }
        SignatureHeader parsed = SignatureHeader.parse(signatureHeader);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - parsed.timestamp()) > tolerance.toSeconds()) {
            throw new AuthenticationException(AuthenticationException.Reason.STALE,
                    "signature timestamp outside the " + tolerance.toSeconds() + " s tolerance");
        }
        byte[] prefix = (parsed.timestamp() + ".").getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        // every secret and every signature is compared, so timing does not reveal which secret matched
        for (WebhookSecret secret : secrets) {
            byte[] expected = HmacSha256.mac(secret, prefix, rawBody);
            for (byte[] candidate : parsed.v1Signatures()) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw new AuthenticationException(AuthenticationException.Reason.MISMATCH, "no matching signature");
        }
    }
}
