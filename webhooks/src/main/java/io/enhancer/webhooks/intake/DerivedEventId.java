package io.enhancer.webhooks.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** For senders without an event id: a stable hash of source + asset + version, so a redelivery maps to the same id. */
final class DerivedEventId {
    private DerivedEventId() {
    }

    static String of(String source, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0); // separator: ("ab","c") and ("a","bc") must differ
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            }
            return source + "-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
