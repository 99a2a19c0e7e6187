package io.enhancer.engine.codec;

import org.opencv.core.Mat;

/**
 * Pixels straight out of a decode path, before orientation: 8-bit BGR plus the alpha channel when the source had one.
 *
 * @param colourSpace what decoding revealed ("srgb", "gray", "cmyk"), or null when the header already said
 */
record DecodedPixels(Mat bgr, Mat alpha, String colourSpace) {}
