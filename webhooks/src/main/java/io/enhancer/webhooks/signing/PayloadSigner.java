package io.enhancer.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Signs a payload the way every enhancer webhook is signed:
 * {@code X-Enhancer-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}.
 */
public final class PayloadSigner {
    public static final String SIGNATURE_HEADER = "X-Enhancer-Signature";

    private final WebhookSecret secret;
    private final Clock clock;

    public PayloadSigner(WebhookSecret secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The header value for {@code body} signed now. */
    public String signatureHeader(byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        return SignatureHeader.format(timestamp, signatureHex(secret, timestamp, body));
    }

    /** Lower-case hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    public static String signatureHex(WebhookSecret secret, long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return HexFormat.of().formatHex(HmacSha256.mac(secret, prefix, body));
    }
}
