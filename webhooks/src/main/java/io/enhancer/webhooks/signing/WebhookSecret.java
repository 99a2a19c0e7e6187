package io.enhancer.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A shared secret. The raw bytes are the UTF-8 bytes of the configured string (no base64 decoding), so a
 * receiver can use the same string with {@code openssl dgst -hmac}. {@link #toString()} never reveals it.
 */
public final class WebhookSecret {
    private final byte[] key;

    private WebhookSecret(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("webhook secret must be at least 16 bytes, got " + key.length);
        }
        this.key = key;
    }

    public static WebhookSecret of(String secret) {
        Objects.requireNonNull(secret, "secret");
        return new WebhookSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static List<WebhookSecret> all(List<String> secrets) {
        return secrets.stream().map(WebhookSecret::of).toList();
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
