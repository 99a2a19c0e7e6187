package io.enhancer.engine.codec;

/**
 * What the decoder learned about the source before and while decoding.
 *
 * @param colourSpace   the samples as stored: "srgb" (any RGB), "gray", "cmyk", "ycck"
 * @param colourProfile the embedded profile and what decoding did with it, e.g. "none", "Adobe RGB (1998) to sRGB",
 *                      "sRGB IEC61966-2.1 (sRGB, kept)", "ignored: ..."; the decoded pixels are sRGB in every case
 */
public record SourceInfo(String format, int width, int height, long bytes, boolean hadAlpha, int exifOrientation,
                         String colourSpace, String colourProfile, int decodeSubsampling) {}
