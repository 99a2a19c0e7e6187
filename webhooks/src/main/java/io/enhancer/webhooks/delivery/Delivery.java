package io.enhancer.webhooks.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * The persisted state of one event on its way to one endpoint. {@code attempts} counts attempts of the current
 * schedule (a manual redeliver starts a new one); {@code nextAttemptAt} is null unless PENDING.
 */
public record Delivery(OutboundEvent event, String endpoint, DeliveryState state, int attempts, Instant nextAttemptAt,
        Instant updatedAt) {

    public Delivery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(state, "state");
        if ((state == DeliveryState.PENDING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("nextAttemptAt must be set exactly when PENDING, state " + state);
        }
    }

    public DeliveryKey key() {
        return new DeliveryKey(event.deliveryId(), endpoint);
    }

    static Delivery pending(OutboundEvent event, String endpoint, Instant now) {
        return new Delivery(event, endpoint, DeliveryState.PENDING, 0, now, now);
    }

    Delivery retryAt(Instant next, Instant now) {
        return new Delivery(event, endpoint, DeliveryState.PENDING, attempts + 1, next, now);
    }

    Delivery delivered(Instant now) {
        return new Delivery(event, endpoint, DeliveryState.DELIVERED, attempts + 1, null, now);
    }

    Delivery dead(Instant now) {
        return new Delivery(event, endpoint, DeliveryState.DEAD, attempts + 1, null, now);
    }
}
