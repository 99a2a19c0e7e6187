package io.enhancer.engine.quality.labelguard;

import io.enhancer.engine.quality.BoundingBox;
import java.util.Objects;
import java.util.Optional;
import org.opencv.core.Rect;

/**
 * How the standardise step placed the source on the output canvas: the source region it kept (trim/crop box, in
 * source pixels), the scale it applied, and where the scaled region's top-left corner landed on the canvas
 * (padding). Lets the guard map the result back onto the source frame to compare like with like.
 *
 * @param crop    kept region of the source, in source pixels
 * @param scale   output pixels per source pixel
 * @param offsetX canvas x of the crop's left edge after scaling (may be negative when the canvas cuts it)
 * @param offsetY canvas y of the crop's top edge after scaling
 */
public record RegionMapping(BoundingBox crop, double scale, int offsetX, int offsetY) {
  /** Aspect ratios closer than this are taken to be the same framing when no mapping was recorded. */
  static final double SAME_ASPECT_TOLERANCE = 0.01;

  public RegionMapping {
    Objects.requireNonNull(crop, "crop");
    if (crop.width() <= 0 || crop.height() <= 0 || crop.x() < 0 || crop.y() < 0) {
      throw new IllegalArgumentException("crop must have a positive size at x,y >= 0, got " + crop);
    }
    if (!(scale > 0 && scale < 100)) {
      throw new IllegalArgumentException("scale must be in (0, 100), got " + scale);
    }
  }

  /** The result is the source, only resized by {@code scale}. */
  public static RegionMapping resizedOnly(int sourceWidth, int sourceHeight, double scale) {
    return new RegionMapping(new BoundingBox(0, 0, sourceWidth, sourceHeight), scale, 0, 0);
  }

  /**
   * Fallback when the pipeline recorded no geometry: assume the result shows the whole source resized, which holds
   * when the aspect ratios agree; empty otherwise (the framing changed in a way we cannot undo).
   */
  public static Optional<RegionMapping> assumeSameFraming(int sourceWidth, int sourceHeight, int resultWidth,
      int resultHeight) {
    double sourceAspect = sourceWidth / (double) sourceHeight;
    double resultAspect = resultWidth / (double) resultHeight;
    if (Math.abs(sourceAspect / resultAspect - 1) > SAME_ASPECT_TOLERANCE) return Optional.empty();
    return Optional.of(resizedOnly(sourceWidth, sourceHeight, resultWidth / (double) sourceWidth));
  }

  /**
   * The part of the crop that is visible on a canvas of the given size, as a pair of rectangles: in source pixels
   * and in result pixels. Empty when the crop lies off the canvas or outside the source.
   */
  Optional<Correspondence> visiblePart(int sourceWidth, int sourceHeight, int canvasWidth, int canvasHeight) {
    int x0 = Math.max(crop.x(), 0);
    int y0 = Math.max(crop.y(), 0);
    int x1 = Math.min(crop.x() + crop.width(), sourceWidth);
    int y1 = Math.min(crop.y() + crop.height(), sourceHeight);
    // Clip by the canvas, expressed in source coordinates.
    x0 = Math.max(x0, (int) Math.ceil(crop.x() + (0 - offsetX) / scale));
    y0 = Math.max(y0, (int) Math.ceil(crop.y() + (0 - offsetY) / scale));
    x1 = Math.min(x1, (int) Math.floor(crop.x() + (canvasWidth - offsetX) / scale));
    y1 = Math.min(y1, (int) Math.floor(crop.y() + (canvasHeight - offsetY) / scale));
    if (x1 - x0 < 2 || y1 - y0 < 2) return Optional.empty();
    Rect source = new Rect(x0, y0, x1 - x0, y1 - y0);
    int rx0 = clamp((int) Math.round(offsetX + (x0 - crop.x()) * scale), 0, canvasWidth - 1);
    int ry0 = clamp((int) Math.round(offsetY + (y0 - crop.y()) * scale), 0, canvasHeight - 1);
    int rx1 = clamp((int) Math.round(offsetX + (x1 - crop.x()) * scale), rx0 + 1, canvasWidth);
    int ry1 = clamp((int) Math.round(offsetY + (y1 - crop.y()) * scale), ry0 + 1, canvasHeight);
    return Optional.of(new Correspondence(source, new Rect(rx0, ry0, rx1 - rx0, ry1 - ry0)));
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** The same content seen in the source ({@code source}) and in the result ({@code result}). */
  record Correspondence(Rect source, Rect result) {}
}
