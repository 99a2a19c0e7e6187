package io.enhancer.webhooks.signing;

import java.util.Objects;

/**
 * The fields of an SNS HTTP(S) message that its signature covers, exactly as received (JSON-unescaped, untrimmed).
 * Nullable fields are those a type does not carry or a sender left out; {@link SnsMessageVerifier} decides.
 */
public record SnsMessage(String type, String messageId, String topicArn, String subject, String message,
        String timestamp, String token, String subscribeUrl, String signatureVersion, String signature,
        String signingCertUrl) {
    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    public SnsMessage {
        Objects.requireNonNull(type, "type");
    }

    public boolean isNotification() {
        return NOTIFICATION.equals(type);
    }

    /** The types SNS signs; any other is not an SNS message this module knows how to verify. */
    public static boolean isSignedType(String type) {
        return NOTIFICATION.equals(type) || SUBSCRIPTION_CONFIRMATION.equals(type)
                || UNSUBSCRIBE_CONFIRMATION.equals(type);
    }

    /**
     * "Name\nvalue\n" for each signed field in byte order of the names, as AWS documents it: a Notification signs
     * Message, MessageId, Subject (only when present), Timestamp, TopicArn, Type; the two confirmations sign
     * Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type.
     */
    public String stringToSign() {
        StringBuilder canonical = new StringBuilder();
        append(canonical, "Message", message);
        append(canonical, "MessageId", messageId);
        if (isNotification()) {
            if (subject != null) {
                append(canonical, "Subject", subject);
            }
        } else {
            append(canonical, "SubscribeURL", subscribeUrl);
        }
        append(canonical, "Timestamp", timestamp);
        if (!isNotification()) {
            append(canonical, "Token", token);
        }
        append(canonical, "TopicArn", topicArn);
        append(canonical, "Type", type);
        return canonical.toString();
    }

    private static void append(StringBuilder canonical, String name, String value) {
        canonical.append(name).append('\n').append(value).append('\n');
    }
}
