package io.enhancer.webhooks.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Keeps the marketplace's five-line verification example in webhooks/README.md honest. */
class ReadmeVerificationExampleTest {

    /** Copied verbatim from the README, with "now" passed in so the published example stays fresh. */
    static boolean verify(String header, byte[] rawBody, String secret, Instant now) throws Exception {
        String[] parts = header.split(","); long t = Long.parseLong(parts[0].substring(2));
        Mac mac = Mac.getInstance("HmacSHA256"); mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(UTF_8)); byte[] expected = mac.doFinal(rawBody);
        boolean fresh = Math.abs(now.getEpochSecond() - t) <= 300;
        return fresh && Arrays.stream(parts).filter(p -> p.startsWith("v1=")).anyMatch(p -> MessageDigest.isEqual(expected, HexFormat.of().parseHex(p.substring(3))));
    }

    @Test
    void readmeExampleAcceptsThePublishedVectorAndRejectsTampering() throws Exception {
        String header = "t=" + SignatureVerifierTest.EXAMPLE_T + ",v1=" + SignatureVerifierTest.EXAMPLE_V1;
        byte[] body = SignatureVerifierTest.EXAMPLE_BODY.getBytes(UTF_8);
        Instant now = Instant.ofEpochSecond(SignatureVerifierTest.EXAMPLE_T + 100);
        assertThat(verify(header, body, SignatureVerifierTest.EXAMPLE_SECRET, now)).isTrue();
        assertThat(verify(header, body, "wrong_secret_0123456789", now)).isFalse();
        assertThat(verify(header, body, SignatureVerifierTest.EXAMPLE_SECRET, now.plusSeconds(600))).isFalse();
        body[5] ^= 1;
        assertThat(verify(header, body, SignatureVerifierTest.EXAMPLE_SECRET, now)).isFalse();
    }
}
