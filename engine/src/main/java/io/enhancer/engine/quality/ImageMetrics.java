package io.enhancer.engine.quality;

import io.enhancer.engine.options.RgbColor;

/**
 * Measurements of one image, used by later steps to decide what to do and by QC to score the result.
 *
 * @param width             pixels
 * @param height            pixels
 * @param meanLuma          mean lightness 0..255 (BT.601 luma) over the whole frame
 * @param clippedShadows    share of pixels with luma <= 2
 * @param clippedHighlights share of product pixels (or all pixels when no product is known) with luma >= 253
 * @param contrast          standard deviation of luma 0..~128
 * @param colourCast        chroma (CIELAB a,b distance from neutral) of the mean of near-neutral areas, 0 = neutral;
 *                          the border is used when it is near-neutral, otherwise every near-neutral pixel
 * @param sharpness         variance of the Laplacian of the product box (whole frame when no product is known) at a
 *                          fixed 1 MP working size, so it does not depend on the image's size
 * @param noiseSigma        estimated noise standard deviation per colour channel (0..255 scale), at native size
 * @param borderUniformity  0..1, share of the border band (3 % of the shorter side) within 12 levels of its median
 *                          colour; 1 = borders are one flat colour. Measured after a 5x5 Gaussian blur, so noise
 *                          (reported as {@code noiseSigma}) does not count as unevenness
 * @param borderWhiteness   share of border pixels that are white (>= 250 in every channel, after the same blur)
 * @param blockiness        JPEG 8x8 block-edge strength ratio (mean step across the 8x8 grid over mean step off
 *                          it), ~1 = none
 * @param productBox        product bounding box, or null when nothing stands out from the background
 * @param productFill       product's longer side relative to the frame's matching side, 0..1 (the larger of box
 *                          width / frame width and box height / frame height); 0 when no product is found
 * @param productLuma       mean luma of product pixels 0..255 (the whole frame when no product is known); unlike
 *                          {@code meanLuma} it is not lifted by a white background
 * @param neutralReference  mean colour of the near-neutral reference pixels that {@code colourCast} was measured on
 *                          (the white point a white balance maps to grey), or null when the image has none
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
    double productFill,
    double productLuma,
    RgbColor neutralReference) {

  /** The original 14 measurements; product luma falls back to the frame's mean and no neutral reference is known. */
  public ImageMetrics(int width, int height, double meanLuma, double clippedShadows, double clippedHighlights,
      double contrast, double colourCast, double sharpness, double noiseSigma, double borderUniformity,
      double borderWhiteness, double blockiness, BoundingBox productBox, double productFill) {
    this(width, height, meanLuma, clippedShadows, clippedHighlights, contrast, colourCast, sharpness, noiseSigma,
        borderUniformity, borderWhiteness, blockiness, productBox, productFill, meanLuma, null);
  }

  public double megapixels() {
    return width * (double) height / 1e6;
  }
}
