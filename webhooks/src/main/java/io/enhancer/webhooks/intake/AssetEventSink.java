package io.enhancer.webhooks.intake;

/**
 * Where accepted events go. The host only enqueues (no image work in the request); throwing means "not taken":
 * the request answers 503 and the idempotency record is released so the sender's retry is accepted.
 */
public interface AssetEventSink {
    void accept(AssetEvent event);
}
