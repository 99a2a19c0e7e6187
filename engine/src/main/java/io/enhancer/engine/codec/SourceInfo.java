package io.enhancer.engine.codec;

/** What the decoder learned about the source before and while decoding. */
public record SourceInfo(String format, int width, int height, long bytes, boolean hadAlpha, int exifOrientation,
                         String colourSpace, int decodeSubsampling) {}
