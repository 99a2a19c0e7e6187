package io.enhancer.webhooks.signing;

import java.util.Locale;

/**
 * An SNS message that is not proven to come from Amazon SNS, by cause. Maps at the edge to 403 with
 * {@code {"error":"sns_<reason>",...}}, except {@link Reason#CERTIFICATE_UNAVAILABLE} (503: SNS retries).
 */
public final class SnsVerificationException extends RuntimeException {
    public enum Reason {
        /** No Signature, SignatureVersion or SigningCertURL. */
        SIGNATURE_MISSING,
        /** SignatureVersion other than 1 (SHA1withRSA) or 2 (SHA256withRSA). */
        SIGNATURE_VERSION_UNSUPPORTED,
        /** The signature does not verify with the certificate's key over the message's string to sign. */
        SIGNATURE_INVALID,
        /** SigningCertURL is not an https {@code .pem} on {@code sns.<region>.amazonaws.com} of the topic's region. */
        CERT_URL_NOT_ALLOWED,
        /** The certificate does not parse, is outside its validity dates, or does not name SNS. */
        CERTIFICATE_INVALID,
        /** The certificate could not be fetched (network, timeout, size): a retry may succeed. */
        CERTIFICATE_UNAVAILABLE,
        /** Timestamp too old (replay) or too far in the future. */
        MESSAGE_STALE,
        /** TopicArn is not an SNS topic ARN, or not in the configured allow-list. */
        TOPIC_NOT_ALLOWED,
        /** A SubscriptionConfirmation's SubscribeURL is not an https SNS address of the topic's region. */
        SUBSCRIBE_URL_NOT_ALLOWED;

        /** The machine-readable {@code error} value, e.g. {@code sns_signature_invalid}. */
        public String code() {
            return "sns_" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public SnsVerificationException(Reason reason, String publicMessage) {
        this(reason, publicMessage, null);
    }

    public SnsVerificationException(Reason reason, String publicMessage, Throwable cause) {
        super(publicMessage, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
