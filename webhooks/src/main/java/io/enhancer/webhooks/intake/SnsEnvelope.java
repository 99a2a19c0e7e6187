package io.enhancer.webhooks.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.enhancer.webhooks.signing.SnsMessage;

/**
 * Reads an SNS HTTP(S) message from its JSON: the fields its type requires (400 naming the first one missing),
 * each exactly as sent (not trimmed, no length cap), since the signature covers the exact values.
 */
final class SnsEnvelope {
    private SnsEnvelope() {
    }

    /** The exact {@code Type}, or null when the body is not an SNS message. */
    static String type(PayloadNode body) {
        return optional(body, "Type");
    }

    static SnsMessage read(PayloadNode body, String type) {
        boolean notification = SnsMessage.NOTIFICATION.equals(type);
        String topicArn = required(body, "TopicArn");
        String subscribeUrl = notification ? optional(body, "SubscribeURL") : required(body, "SubscribeURL");
        String token = notification ? optional(body, "Token") : required(body, "Token");
        return new SnsMessage(type, required(body, "MessageId"), topicArn, optional(body, "Subject"),
                required(body, "Message"), required(body, "Timestamp"), token, subscribeUrl,
                optional(body, "SignatureVersion"), optional(body, "Signature"), optional(body, "SigningCertURL"));
    }

    private static String required(PayloadNode body, String field) {
        String value = optional(body, field);
        if (value == null) {
            throw InvalidPayloadException.missing(body.fieldPath(field));
        }
        return value;
    }

    private static String optional(PayloadNode body, String field) {
        JsonNode value = body.node().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidPayloadException("field " + body.fieldPath(field) + " must be a string");
        }
        return value.textValue();
    }
}
