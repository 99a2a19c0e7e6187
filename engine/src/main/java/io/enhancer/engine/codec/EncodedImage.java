package io.enhancer.engine.codec;

import io.enhancer.engine.options.OutputFormat;

/**
 * Encoded output bytes and what the encoder settled on.
 *
 * @param quality        the quality the bytes were encoded at (100 for lossless PNG)
 * @param fitsTarget     false when a size target was set and even the quality floor (or lossless PNG) exceeds it;
 *                       the bytes are then the best effort at the floor. True when no target was set.
 * @param encodeAttempts how many encodes it took (1 without a target)
 */
public record EncodedImage(byte[] bytes, OutputFormat format, int width, int height, int quality, boolean fitsTarget,
                           int encodeAttempts) {}
