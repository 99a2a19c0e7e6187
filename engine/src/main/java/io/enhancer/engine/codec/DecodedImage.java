package io.enhancer.engine.codec;

import io.enhancer.engine.pipeline.Frame;

/** The decoded source: 8-bit sRGB pixels (matte = source alpha when it had one) and facts about the file. */
public record DecodedImage(Frame frame, SourceInfo info) {}
