package io.enhancer.webhooks.delivery;

/** One event to one endpoint: the primary key of a delivery. */
public record DeliveryKey(String deliveryId, String endpoint) {
}
