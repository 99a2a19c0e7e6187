package io.enhancer.webhooks.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Our own documented format:
 * {@code {"event_id":"..","event":"asset.uploaded","occurred_at":"..","asset":{"id":"..","url":"https://..",
 * "dam_reference":"..","sku_id":"..","product_group_id":"..","image_type":"primary","mime_type":"image/jpeg"}}}.
 */
final class GenericAdapter implements PayloadAdapter {
    private static final Map<String, String> EVENT_TYPES =
            Map.of(AssetEvent.UPLOADED, AssetEvent.UPLOADED, AssetEvent.UPDATED, AssetEvent.UPDATED);

    @Override
    public AdapterResult adapt(PayloadNode body, AdapterContext context) {
        String eventId = body.text("event_id");
        String event = body.text("event");
        PayloadNode asset = body.object("asset");
        String assetId = asset.text("id");
        String url = context.absoluteUrl(asset.optionalText("url"), "asset.url");
        String damReference = asset.optionalText("dam_reference");
        String mime = asset.optionalText("mime_type");
        String skuId = asset.optionalText("sku_id");
        String productGroupId = asset.optionalText("product_group_id");
        String imageType = asset.optionalText("image_type");
        Instant occurredAt = body.optionalInstant("occurred_at");
        if (url == null && damReference == null) {
            throw InvalidPayloadException.missing("asset.url");
        }
        String eventType = EVENT_TYPES.get(event);
        if (eventType == null) {
            return new AdapterResult.Ignored("unsupported event " + event);
        }
        if (mime != null && !ImageTypes.isImageMime(mime)) {
            return new AdapterResult.Ignored("not an image: " + mime);
        }
        return new AdapterResult.Events(List.of(new AssetEvent(eventId, context.source(), eventType, assetId, url,
                damReference, skuId, productGroupId, imageType,
                occurredAt != null ? occurredAt : context.receivedAt())));
    }
}
