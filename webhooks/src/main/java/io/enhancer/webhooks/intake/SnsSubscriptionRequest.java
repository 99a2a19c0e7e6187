package io.enhancer.webhooks.intake;

import java.time.Instant;

/** An SNS {@code SubscriptionConfirmation}: someone must GET {@code subscribeUrl} for notifications to flow. */
public record SnsSubscriptionRequest(String source, String topicArn, String subscribeUrl, String messageId,
        Instant receivedAt) {
}
