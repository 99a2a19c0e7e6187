package io.enhancer.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.webhooks.signing.SnsCertificateSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for Amazon SNS's signing keys (src/test/resources/sns/README.md says how they were made), a signer that
 * builds the string to sign from AWS's documented field lists (independently of the code under test; checked against
 * openssl-made signatures in SnsMessageVerifierTest), and a local certificate source that counts fetches.
 */
public final class SnsTestKeys {
    public static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem";
    public static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:photos";
    private static final List<String> NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    private static final KeyStore KEYS = load();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnsTestKeys() {
    }

    private static KeyStore load() {
        try (InputStream in = SnsTestKeys.class.getResourceAsStream("/sns/sns-test-keys.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load sns/sns-test-keys.p12", e);
        }
    }

    public static PrivateKey key(String alias) {
        try {
            return (PrivateKey) KEYS.getKey(alias, "changeit".toCharArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate certificate(String alias) {
        try {
            return (X509Certificate) KEYS.getCertificate(alias);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pem(String alias) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate(alias).getEncoded());
            return ("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Notification's fields as SNS sends them (no signature yet); Subject left out when null. */
    public static Map<String, String> notification(String messageId, String message, String subject, String timestamp) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Type", "Notification");
        fields.put("MessageId", messageId);
        fields.put("TopicArn", TOPIC_ARN);
        if (subject != null) {
            fields.put("Subject", subject);
        }
        fields.put("Message", message);
        fields.put("Timestamp", timestamp);
        return fields;
    }

    public static Map<String, String> subscriptionConfirmation(String messageId, String timestamp) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Type", "SubscriptionConfirmation");
        fields.put("MessageId", messageId);
        fields.put("Token", "2336412f37fb687f5d51e6e2425c464de12884");
        fields.put("TopicArn", TOPIC_ARN);
        fields.put("Message", "You have chosen to subscribe to the topic " + TOPIC_ARN
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        fields.put("SubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
                + TOPIC_ARN + "&Token=2336412f37fb687f5d51e6e2425c464de12884");
        fields.put("Timestamp", timestamp);
        return fields;
    }

    /** The fields plus SignatureVersion, SigningCertURL and the Signature made with the key under {@code alias}. */
    public static Map<String, String> signed(Map<String, String> fields, String version, String alias, String certUrl) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("SignatureVersion", version);
        signed.put("Signature", signature(fields, version, alias));
        signed.put("SigningCertURL", certUrl);
        return signed;
    }

    public static Map<String, String> signed(Map<String, String> fields) {
        return signed(fields, "2", "signing", CERT_URL);
    }

    public static String signature(Map<String, String> fields, String version, String alias) {
        List<String> names = "Notification".equals(fields.get("Type")) ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
        StringBuilder toSign = new StringBuilder();
        for (String name : names) {
            if (fields.containsKey(name)) {
                toSign.append(name).append('\n').append(fields.get(name)).append('\n');
            }
        }
        try {
            Signature signer = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(key(alias));
            signer.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves PEMs from memory by URL and counts how often each was asked for. */
    public static final class LocalCertificates implements SnsCertificateSource {
        private final Map<URI, byte[]> pems = new ConcurrentHashMap<>();
        private final Map<URI, AtomicInteger> fetches = new ConcurrentHashMap<>();

        public LocalCertificates serve(String url, byte[] pem) {
            pems.put(URI.create(url), pem);
            return this;
        }

        public LocalCertificates serve(String url, String alias) {
            return serve(url, pem(alias));
        }

        public int fetches(String url) {
            AtomicInteger count = fetches.get(URI.create(url));
            return count == null ? 0 : count.get();
        }

        public int totalFetches() {
            return fetches.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        @Override
        public byte[] fetch(URI url) throws IOException {
            fetches.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
            byte[] pem = pems.get(url);
            if (pem == null) {
                throw new IOException("HTTP 404 for " + url);
            }
            return pem;
        }
    }
}
