package io.enhancer.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.webhooks.MutableClock;
import io.enhancer.webhooks.TestJwt;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hs256JwtVerifierTest {
    static final String SECRET = "jwt-secret-for-strapi-0123456789abcdef";
    /**
     * Made independently with openssl: header {"alg":"HS256","typ":"JWT"}, claims
     * {"iss":"strapi","iat":1700000000,"exp":1700000600}, signature = openssl dgst -sha256 -hmac SECRET -binary.
     */
    static final String OPENSSL_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpc3MiOiJzdHJhcGkiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMDYwMH0"
            + ".Hz8Di3CPB6KaLZFZ0y1V1dnOw2fFOwOGNbOAgcIKXdw";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_100L));
    private final Hs256JwtVerifier verifier = new Hs256JwtVerifier(WebhookSecret.all(List.of(SECRET)),
            Duration.ofSeconds(60), Duration.ofHours(1), clock);

    private static String hs256(String claims) {
        return TestJwt.mint(SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims);
    }

    private AuthenticationException.Reason reasonFor(String token) {
        try {
            verifier.verify(token);
            return null;
        } catch (AuthenticationException e) {
            return e.reason();
        }
    }

    @Test
    void acceptsTheOpensslToken() {
        assertThat(verifier.verify(OPENSSL_TOKEN).get("iss").asText()).isEqualTo("strapi");
        assertThat(hs256("{\"iss\":\"strapi\",\"iat\":1700000000,\"exp\":1700000600}")).isEqualTo(OPENSSL_TOKEN);
    }

    @Test
    void readsTheTokenFromAuthorizationBearer() {
        verifier.authenticate(name -> name.equals("Authorization") ? "Bearer " + OPENSSL_TOKEN : null, new byte[0]);
        assertThatThrownBy(() -> verifier.authenticate(name -> null, new byte[0]))
                .extracting("reason").isEqualTo(AuthenticationException.Reason.MISSING);
    }

    @Test
    void rejectsOtherAlgorithmsIncludingNone() {
        String claims = "{\"iat\":1700000000,\"exp\":1700000600}";
        assertThat(reasonFor(TestJwt.mint(SECRET, "{\"alg\":\"HS512\"}", claims))).isEqualTo(AuthenticationException.Reason.MALFORMED);
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + ".";
        assertThat(reasonFor(none)).isEqualTo(AuthenticationException.Reason.MALFORMED);
    }

    @Test
    void rejectsWrongSecretAndTamperedClaims() {
        assertThat(reasonFor(TestJwt.mint("another-secret-0123456789abcdef0123", "{\"alg\":\"HS256\"}",
                "{\"iat\":1700000000,\"exp\":1700000600}"))).isEqualTo(AuthenticationException.Reason.MISMATCH);
        String[] parts = OPENSSL_TOKEN.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"iss\":\"strapi\",\"iat\":1700000000,\"exp\":1799999999}".getBytes()) + "." + parts[2];
        assertThat(reasonFor(forged)).isEqualTo(AuthenticationException.Reason.MISMATCH);
    }

    @Test
    void honoursExpWithClockSkew() {
        clock.set(Instant.ofEpochSecond(1_700_000_660L));
        assertThat(reasonFor(OPENSSL_TOKEN)).isNull();
        clock.set(Instant.ofEpochSecond(1_700_000_661L));
        assertThat(reasonFor(OPENSSL_TOKEN)).isEqualTo(AuthenticationException.Reason.STALE);
    }

    @Test
    void rejectsNotYetValidAndFutureIssuedTokens() {
        assertThat(reasonFor(hs256("{\"nbf\":1700000200,\"exp\":1700000600}"))).isEqualTo(AuthenticationException.Reason.STALE);
        assertThat(reasonFor(hs256("{\"iat\":1700000200,\"exp\":1700000600}"))).isEqualTo(AuthenticationException.Reason.STALE);
        assertThat(reasonFor(hs256("{\"nbf\":1700000150,\"exp\":1700000600}"))).isNull();
    }

    @Test
    void requiresExpAndAShortLifetime() {
        assertThat(reasonFor(hs256("{\"iat\":1700000000}"))).isEqualTo(AuthenticationException.Reason.MALFORMED);
        assertThat(reasonFor(hs256("{\"iat\":1700000000,\"exp\":1700086400}"))).isEqualTo(AuthenticationException.Reason.MALFORMED);
        assertThat(reasonFor(hs256("{\"exp\":\"soon\"}"))).isEqualTo(AuthenticationException.Reason.MALFORMED);
    }

    @Test
    void rejectsMalformedTokens() {
        for (String bad : List.of("", "abc", "a.b", "a.b.c.d", "!!!.???.***", "e30.e30.")) {
            assertThat(reasonFor(bad)).as(bad).isIn(AuthenticationException.Reason.MALFORMED,
                    AuthenticationException.Reason.MISMATCH);
        }
    }

    @Test
    void rejectsSecretsShorterThan32Bytes() {
        assertThatThrownBy(() -> new Hs256JwtVerifier(WebhookSecret.all(List.of("sixteen-bytes-xx")),
                Duration.ZERO, Duration.ofHours(1), clock)).hasMessageContaining("at least 32 bytes");
    }
}
