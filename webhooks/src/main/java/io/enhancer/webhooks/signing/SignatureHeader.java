package io.enhancer.webhooks.signing;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The parsed {@code t=<unix>,v1=<hex>[,v1=<hex>...]} header. Several {@code v1} values are allowed so a sender
 * rotating secrets can sign with the old and the new one at once; unknown schemes (v0, v2...) are skipped.
 */
record SignatureHeader(long timestamp, List<byte[]> v1Signatures) {

    static String format(long timestamp, String v1Hex) {
        return "t=" + timestamp + ",v1=" + v1Hex;
    }

    static SignatureHeader parse(String header) {
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String element : header.split(",")) {
            int eq = element.indexOf('=');
            if (eq <= 0) {
                throw malformed();
            }
            String key = element.substring(0, eq).trim();
            String value = element.substring(eq + 1).trim();
            if (key.equals("t")) {
                timestamp = parseTimestamp(value);
            } else if (key.equals("v1")) {
                signatures.add(parseHex(value));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw malformed();
        }
        return new SignatureHeader(timestamp, signatures);
    }

    private static long parseTimestamp(String value) {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
            throw malformed();
        }
        return Long.parseLong(value);
    }

    private static byte[] parseHex(String value) {
        if (value.length() != 64) {
            throw malformed();
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static AuthenticationException malformed() {
        return new AuthenticationException(AuthenticationException.Reason.MALFORMED,
                "malformed " + PayloadSigner.SIGNATURE_HEADER + " header, expected t=<unix>,v1=<hex>");
    }
}
