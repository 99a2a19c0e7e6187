package io.enhancer.webhooks.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Strapi media webhooks ({@code media.create}, {@code media.update}):
 * {@code {"event":"media.create","createdAt":"..","media":{"id":5,"name":"shoe.jpg","hash":"..","mime":"image/jpeg",
 * "url":"/uploads/shoe.jpg","updatedAt":".."}}}. Relative URLs (local upload provider) are resolved against the
 * source's public base URL. Strapi sends no event id: it is derived from the media id and its update time.
 */
final class StrapiAdapter implements PayloadAdapter {
    private static final Map<String, String> EVENT_TYPES =
            Map.of("media.create", AssetEvent.UPLOADED, "media.update", AssetEvent.UPDATED);

    @Override
    public AdapterResult adapt(PayloadNode body, AdapterContext context) {
        String event = body.text("event");
        String eventType = EVENT_TYPES.get(event);
        if (eventType == null) {
            return new AdapterResult.Ignored("unsupported event " + event);
        }
        PayloadNode media = body.object("media");
        String id = media.text("id");
        String url = media.text("url");
        String mime = media.optionalText("mime");
        String name = media.optionalText("name");
        Instant createdAt = body.optionalInstant("createdAt");
        String version = media.optionalText("updatedAt") != null ? media.optionalText("updatedAt") : media.optionalText("hash");
        boolean image = mime != null ? ImageTypes.isImageMime(mime) : ImageTypes.hasImageExtension(name != null ? name : url);
        if (!image) {
            return new AdapterResult.Ignored("not an image: " + (mime != null ? mime : "file " + name));
        }
        String sourceUrl = context.absoluteUrl(url, "media.url");
        return new AdapterResult.Events(List.of(new AssetEvent(DerivedEventId.of(context.source(), event, id, version),
                context.source(), eventType, id, sourceUrl, "upload/files/" + id, null, null, null,
                createdAt != null ? createdAt : context.receivedAt())));
    }
}
