package io.enhancer.webhooks.intake;

import java.time.Instant;
import java.util.Objects;

/**
 * One image asset that arrived or changed in a source, normalised from the sender's payload.
 * {@code sourceUrl} (absolute http/https) or {@code damReference} (an opaque locator in the sender's system) is
 * set, often both; {@code skuId}, {@code productGroupId} and {@code imageType} are null when the sender did not say.
 */
public record AssetEvent(String eventId, String source, String eventType, String assetId, String sourceUrl,
        String damReference, String skuId, String productGroupId, String imageType, Instant occurredAt) {

    /** A new asset was uploaded. */
    public static final String UPLOADED = "asset.uploaded";
    /** An existing asset's file or metadata changed. */
    public static final String UPDATED = "asset.updated";

    public AssetEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (sourceUrl == null && damReference == null) {
            throw new IllegalArgumentException("asset event " + eventId + " needs a sourceUrl or a damReference");
        }
    }
}
