package io.enhancer.webhooks.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An event for the marketplace. {@code deliveryId} is what the receiver uses for its own idempotency: it stays the
 * same across retries and manual redeliveries. {@code payloadJson} becomes the {@code data} of the signed envelope.
 */
public record OutboundEvent(String deliveryId, String eventType, Instant createdAt, String payloadJson) {
    public static final String RENDITION_READY = "rendition.ready";
    public static final String QC_APPROVED = "qc.approved";
    public static final String QC_REJECTED = "qc.rejected";
    public static final String JOB_FAILED = "job.failed";
    public static final Set<String> TYPES = Set.of(RENDITION_READY, QC_APPROVED, QC_REJECTED, JOB_FAILED);

    public OutboundEvent {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (deliveryId.isBlank() || deliveryId.length() > 100) {
            throw new IllegalArgumentException("deliveryId must be 1..100 characters, got '" + deliveryId + "'");
        }
        if (!TYPES.contains(eventType)) {
            throw new IllegalArgumentException("event type must be one of " + TYPES + ", got '" + eventType + "'");
        }
    }

    /** A new event with a random delivery id ({@code dlv_<uuid>}), created now. */
    public static OutboundEvent create(String eventType, String payloadJson, Clock clock) {
        return new OutboundEvent("dlv_" + UUID.randomUUID(), eventType, clock.instant(), payloadJson);
    }
}
