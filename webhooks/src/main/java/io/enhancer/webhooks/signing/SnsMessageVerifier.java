package io.enhancer.webhooks.signing;

import io.enhancer.webhooks.signing.SnsVerificationException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Proves an SNS message came from Amazon SNS, as AWS documents it: cheap checks first (signature fields, version,
 * topic allow-list, timestamp, strict cert and subscribe URLs), then the certificate (fetched once per URL), then
 * the RSA signature (version 1 SHA1withRSA, version 2 SHA256withRSA) over {@link SnsMessage#stringToSign()}.
 * Every refusal is a {@link SnsVerificationException} naming its reason.
 */
public final class SnsMessageVerifier {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    /** How far ahead of our clock a Timestamp may be (clock drift), never a replay window. */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final SnsSigningCertificates certificates;
    private final Set<String> allowedTopicArns;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param allowedTopicArns the topics whose messages are taken; empty = any topic (then the source's own
     *                         credential is what keeps strangers out)
     */
    public SnsMessageVerifier(SnsSigningCertificates certificates, Collection<String> allowedTopicArns,
            Duration maxAge, Clock clock) {
        if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("SNS message max age must be within (0, 1 day], got " + maxAge);
        }
        for (String arn : allowedTopicArns) {
            try {
                AwsSnsUrls.topicRegion(arn);
            } catch (SnsVerificationException e) {
                throw new IllegalArgumentException("allowed SNS topic must be a topic ARN "
                        + "(arn:aws:sns:<region>:<account>:<name>), got '" + arn + "'");
            }
        }
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.allowedTopicArns = Set.copyOf(allowedTopicArns);
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void verify(SnsMessage message) {
        if (message.signature() == null || message.signatureVersion() == null || message.signingCertUrl() == null) {
            throw new SnsVerificationException(Reason.SIGNATURE_MISSING,
                    "SNS message is not signed: Signature, SignatureVersion and SigningCertURL are required");
        }
        String algorithm = switch (message.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new SnsVerificationException(Reason.SIGNATURE_VERSION_UNSUPPORTED,
                    "SignatureVersion must be 1 or 2, got '" + AwsSnsUrls.printable(message.signatureVersion()) + "'");
        };
        String region = AwsSnsUrls.topicRegion(message.topicArn());
        if (!allowedTopicArns.isEmpty() && !allowedTopicArns.contains(message.topicArn())) {
            throw new SnsVerificationException(Reason.TOPIC_NOT_ALLOWED,
                    "TopicArn " + message.topicArn() + " is not in ENHANCER_SNS_TOPIC_ARNS");
        }
        checkFresh(message.timestamp());
        URI certificateUrl = AwsSnsUrls.signingCertificate(message.signingCertUrl(), region);
        if (message.type().equals(SnsMessage.SUBSCRIPTION_CONFIRMATION)) {
            AwsSnsUrls.subscribe(message.subscribeUrl(), region);
        }
        byte[] signature = decode(message.signature());
        X509Certificate certificate = certificates.certificate(certificateUrl);
        if (!verifies(algorithm, certificate, message.stringToSign(), signature)) {
            throw new SnsVerificationException(Reason.SIGNATURE_INVALID,
                    "SNS message signature does not match its content and signing certificate");
        }
    }

    private void checkFresh(String timestamp) {
        Instant sent;
        try {
            sent = timestamp == null ? null : Instant.parse(timestamp);
        } catch (DateTimeException e) {
            sent = null;
        }
        if (sent == null) {
            throw new SnsVerificationException(Reason.MESSAGE_STALE,
                    "Timestamp must be an ISO-8601 UTC instant, got '" + AwsSnsUrls.printable(timestamp) + "'");
        }
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(maxAge))) {
            throw new SnsVerificationException(Reason.MESSAGE_STALE,
                    "SNS message Timestamp " + timestamp + " is older than " + maxAge.toSeconds() + " s");
        }
        if (sent.isAfter(now.plus(FUTURE_SKEW))) {
            throw new SnsVerificationException(Reason.MESSAGE_STALE,
                    "SNS message Timestamp " + timestamp + " is more than " + FUTURE_SKEW.toSeconds()
                            + " s in the future");
        }
    }

    private static byte[] decode(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new SnsVerificationException(Reason.SIGNATURE_INVALID, "Signature is not base64");
        }
    }

    private static boolean verifies(String algorithm, X509Certificate certificate, String stringToSign,
            byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a malformed signature (wrong length for the key) is just as unproven as a wrong one
            return false;
        }
    }
}
