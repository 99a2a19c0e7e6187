package io.enhancer.engine.codec;

import io.enhancer.engine.options.OutputFormat;

/** Encoded output bytes and what the encoder settled on. */
public record EncodedImage(byte[] bytes, OutputFormat format, int width, int height, int quality) {}
