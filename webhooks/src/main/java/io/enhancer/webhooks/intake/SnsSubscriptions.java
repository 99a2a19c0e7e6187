package io.enhancer.webhooks.intake;

/**
 * Receives SNS subscription confirmations whose signature verified and whose SubscribeURL is an https SNS address
 * of the topic's region ({@link io.enhancer.webhooks.signing.AwsSnsUrls#subscribe}). The module itself never fetches
 * the SubscribeURL: the default ({@link PendingSnsSubscriptions}) only records it for an operator; a host that wants
 * automatic confirmation provides its own implementation with its own bounded HTTP client.
 */
public interface SnsSubscriptions {
    /** @return true when this handler confirmed the subscription itself (visited the SubscribeURL) */
    boolean confirmationRequested(SnsSubscriptionRequest request);
}
