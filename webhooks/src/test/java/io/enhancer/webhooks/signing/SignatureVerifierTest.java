package io.enhancer.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.webhooks.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    /** The published example in webhooks/README.md. */
    static final String EXAMPLE_SECRET = "whsec_example_secret_2024";
    static final long EXAMPLE_T = 1_700_000_000L;
    static final String EXAMPLE_BODY = "{\"event_id\":\"evt_0001\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"asset-42\","
            + "\"url\":\"https://dam.example.com/a/42.jpg\",\"sku_id\":\"SKU-1\",\"image_type\":\"primary\"}}";
    /** Computed independently, once, with: printf '%s' "1700000000.$BODY" | openssl dgst -sha256 -hmac "$SECRET" */
    static final String EXAMPLE_V1 = "ab07a9f4e7f2e2df22865663241763774044643fb7741e100f2b4a1209a0ce13";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(EXAMPLE_T));

    private SignatureVerifier verifier(String... secrets) {
        return new SignatureVerifier(WebhookSecret.all(List.of(secrets)), Duration.ofMinutes(5), clock);
    }

    private static byte[] body() {
        return EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signerReproducesThePublishedExample() {
        assertThat(PayloadSigner.signatureHex(WebhookSecret.of(EXAMPLE_SECRET), EXAMPLE_T, body())).isEqualTo(EXAMPLE_V1);
        assertThat(new PayloadSigner(WebhookSecret.of(EXAMPLE_SECRET), clock).signatureHeader(body()))
                .isEqualTo("t=1700000000,v1=" + EXAMPLE_V1);
    }

    @Test
    void acceptsThePublishedExample() {
        assertThatNoException().isThrownBy(() -> verifier(EXAMPLE_SECRET).verify("t=1700000000,v1=" + EXAMPLE_V1, body()));
    }

    @Test
    void rejectsABodyChangedByOneByte() {
        byte[] changed = body();
        changed[changed.length - 3] ^= 1;
        assertThatThrownBy(() -> verifier(EXAMPLE_SECRET).verify("t=1700000000,v1=" + EXAMPLE_V1, changed))
                .isInstanceOf(AuthenticationException.class).extracting("reason")
                .isEqualTo(AuthenticationException.Reason.MISMATCH);
    }

    @Test
    void rejectsTheRightSignatureWithAnotherTimestamp() {
        assertThatThrownBy(() -> verifier(EXAMPLE_SECRET).verify("t=1700000001,v1=" + EXAMPLE_V1, body()))
                .extracting("reason").isEqualTo(AuthenticationException.Reason.MISMATCH);
    }

    @Test
    void acceptsAnyConfiguredSecretDuringRotation() {
        String header = "t=1700000000,v1=" + EXAMPLE_V1;
        assertThatNoException().isThrownBy(() -> verifier("new_secret_after_rotation", EXAMPLE_SECRET).verify(header, body()));
        assertThatThrownBy(() -> verifier("new_secret_after_rotation").verify(header, body()))
                .extracting("reason").isEqualTo(AuthenticationException.Reason.MISMATCH);
    }

    @Test
    void acceptsAHeaderCarryingOldAndNewSignatures() {
        String newSig = PayloadSigner.signatureHex(WebhookSecret.of("new_secret_after_rotation"), EXAMPLE_T, body());
        String header = "t=1700000000,v1=" + "00".repeat(32) + ",v1=" + newSig;
        assertThatNoException().isThrownBy(() -> verifier("new_secret_after_rotation").verify(header, body()));
    }

    @Test
    void rejectsTimestampsOutsideFiveMinutesBothWays() {
        String header = "t=1700000000,v1=" + EXAMPLE_V1;
        clock.set(Instant.ofEpochSecond(EXAMPLE_T + 300));
        assertThatNoException().isThrownBy(() -> verifier(EXAMPLE_SECRET).verify(header, body()));
        clock.set(Instant.ofEpochSecond(EXAMPLE_T + 301));
        assertThatThrownBy(() -> verifier(EXAMPLE_SECRET).verify(header, body()))
                .extracting("reason").isEqualTo(AuthenticationException.Reason.STALE);
        clock.set(Instant.ofEpochSecond(EXAMPLE_T - 300));
        assertThatNoException().isThrownBy(() -> verifier(EXAMPLE_SECRET).verify(header, body()));
        clock.set(Instant.ofEpochSecond(EXAMPLE_T - 301));
        assertThatThrownBy(() -> verifier(EXAMPLE_SECRET).verify(header, body()))
                .extracting("reason").isEqualTo(AuthenticationException.Reason.STALE);
    }

    @Test
    void rejectsMissingAndMalformedHeaders() {
        SignatureVerifier verifier = verifier(EXAMPLE_SECRET);
        assertThatThrownBy(() -> verifier.verify(null, body())).extracting("reason")
                .isEqualTo(AuthenticationException.Reason.MISSING);
        for (String bad : List.of("v1=" + EXAMPLE_V1, "t=1700000000", "t=abc,v1=" + EXAMPLE_V1,
                "t=1700000000,v1=zz", "t=1700000000,v1=" + EXAMPLE_V1.substring(2), "garbage", "t=-5,v1=" + EXAMPLE_V1)) {
            assertThatThrownBy(() -> verifier.verify(bad, body())).as(bad).extracting("reason")
                    .isEqualTo(AuthenticationException.Reason.MALFORMED);
        }
    }

    @Test
    void ignoresUnknownSchemesBesideV1() {
        assertThatNoException().isThrownBy(() ->
                verifier(EXAMPLE_SECRET).verify("t=1700000000,v0=abc,v1=" + EXAMPLE_V1, body()));
    }

    @Test
    void secretsNeverAppearInToString() {
        assertThat(WebhookSecret.of(EXAMPLE_SECRET).toString()).doesNotContain(EXAMPLE_SECRET).contains("redacted");
    }

    @Test
    void staticTokenAcceptsAnyConfiguredTokenAndNamesTheHeader() {
        StaticTokenVerifier verifier = new StaticTokenVerifier("X-Webhook-Token",
                List.of("token-one-0123456789", "token-two-0123456789"));
        assertThatNoException().isThrownBy(() -> verifier.authenticate(n -> "token-two-0123456789", new byte[0]));
        assertThatThrownBy(() -> verifier.authenticate(n -> "token-three-0123456789", new byte[0]))
                .hasMessageContaining("X-Webhook-Token").extracting("reason")
                .isEqualTo(AuthenticationException.Reason.MISMATCH);
        assertThatThrownBy(() -> verifier.authenticate(n -> null, new byte[0]))
                .extracting("reason").isEqualTo(AuthenticationException.Reason.MISSING);
    }

    @Test
    void rejectsShortSecretsAtConfiguration() {
        assertThatThrownBy(() -> WebhookSecret.of("short")).hasMessageContaining("at least 16 bytes, got 5");
    }
}
