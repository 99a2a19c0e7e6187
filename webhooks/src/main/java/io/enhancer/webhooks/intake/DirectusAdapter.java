package io.enhancer.webhooks.intake;

import java.util.List;

/**
 * A Directus Flow webhook on the {@code files.upload} action, sending the trigger data:
 * {@code {"event":"files.upload","key":"<file id>","collection":"directus_files","payload":{"type":"image/jpeg",
 * "filename_download":"..","sku_id":"..","product_group_id":"..","image_type":".."}}}; the three product fields are
 * optional custom fields on {@code directus_files}. Directus sends no event id, so one is derived from the file key.
 */
final class DirectusAdapter implements PayloadAdapter {
    private static final String UPLOAD = "files.upload";

    @Override
    public AdapterResult adapt(PayloadNode body, AdapterContext context) {
        String event = body.text("event");
        String key = body.text("key");
        PayloadNode payload = body.object("payload");
        String mime = payload.optionalText("type");
        String fileName = payload.optionalText("filename_download");
        String collection = body.optionalText("collection");
        if (!UPLOAD.equals(event)) {
            return new AdapterResult.Ignored("unsupported event " + event);
        }
        if (collection != null && !collection.equals("directus_files")) {
            return new AdapterResult.Ignored("not a file upload: collection " + collection);
        }
        boolean image = mime != null ? ImageTypes.isImageMime(mime)
                : fileName != null && ImageTypes.hasImageExtension(fileName);
        if (!image) {
            return new AdapterResult.Ignored("not an image: " + (mime != null ? mime : "file " + fileName));
        }
        String sourceUrl = context.absoluteUrl("assets/" + key, "key");
        return new AdapterResult.Events(List.of(new AssetEvent(
                // a replaced file fires files.upload again with a new uploaded_on: a new version, not a duplicate
                DerivedEventId.of(context.source(), event, key, payload.optionalText("uploaded_on")),
                context.source(), AssetEvent.UPLOADED, key, sourceUrl, "directus_files/" + key,
                payload.optionalText("sku_id"), payload.optionalText("product_group_id"),
                payload.optionalText("image_type"), context.receivedAt())));
    }
}
