package io.enhancer.webhooks.delivery;

public enum DeliveryState {
    /** Waiting for its next attempt at {@code nextAttemptAt}. */
    PENDING,
    /** A 2xx answer was received. */
    DELIVERED,
    /** Every attempt failed (or the endpoint is no longer configured); only a manual redeliver sends it again. */
    DEAD
}
