package io.enhancer.webhooks.intake;

public record AssetEvent(String eventId, String source, String eventType, String assetId, String sourceUrl,
    String damReference, String skuId, String productGroupId, String imageType, java.time.Instant occurredAt) {}
