package io.enhancer.webhooks.intake;

/**
 * Receives SNS subscription confirmations. The module itself never fetches the SubscribeURL: the default
 * ({@link PendingSnsSubscriptions}) only records it for an operator; a host that wants automatic confirmation
 * provides its own implementation and takes responsibility for checking the URL.
 */
public interface SnsSubscriptions {
    void confirmationRequested(SnsSubscriptionRequest request);
}
