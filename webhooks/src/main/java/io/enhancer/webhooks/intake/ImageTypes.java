package io.enhancer.webhooks.intake;

import java.util.Locale;
import java.util.Set;

/** Decides whether a sender's file is an image we can enhance, by MIME type or, failing that, by file extension. */
final class ImageTypes {
    private static final Set<String> EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp", "gif", "heic", "heif", "avif");

    private ImageTypes() {
    }

    static boolean isImageMime(String mime) {
        return mime.toLowerCase(Locale.ROOT).startsWith("image/") && !mime.toLowerCase(Locale.ROOT).startsWith("image/svg");
    }

    static boolean hasImageExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
