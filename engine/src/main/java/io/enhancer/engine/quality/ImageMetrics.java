package io.enhancer.engine.quality;

/**
 * Measurements of one image, used by later steps to decide what to do and by QC to score the result.
 *
 * @param width             pixels
 * @param height            pixels
 * @param meanLuma          mean lightness 0..255
 * @param clippedShadows    share of pixels with luma <= 2
 * @param clippedHighlights share of product pixels (or all pixels when no product is known) with luma >= 253
 * @param contrast          standard deviation of luma 0..~128
 * @param colourCast        mean chroma (CIELAB a,b distance from neutral) of near-neutral areas, 0 = neutral
 * @param sharpness         variance of the Laplacian at a fixed 1 MP working size (size-normalised)
 * @param noiseSigma        estimated noise standard deviation (0..255 scale)
 * @param borderUniformity  0..1, 1 = borders are one flat colour
 * @param borderWhiteness   share of border pixels that are white (>= 250 in every channel)
 * @param blockiness        JPEG 8x8 block-edge strength ratio, ~1 = none
 * @param productBox        product bounding box, or null when nothing stands out from the background
 * @param productFill       product's longer side relative to the frame's matching side, 0..1
 */
public record ImageMetrics(
    int width,
    int height,
    double meanLuma,
    double clippedShadows,
    double clippedHighlights,
    double contrast,
    double colourCast,
    double sharpness,
    double noiseSigma,
    double borderUniformity,
    double borderWhiteness,
    double blockiness,
    BoundingBox productBox,
    double productFill) {

  public double megapixels() {
    return width * (double) height / 1e6;
  }
}
