package io.enhancer.engine.pipeline;

import java.util.Optional;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Rect2d;

/**
 * Where a frame's pixels came from in the decoded source: the region of the source the frame shows, how much each
 * axis of it was scaled, where its top-left corner landed, and the frame's size. Every step that resizes, crops or
 * pads composes its own placement onto its input's ({@link #then}), so the final frame maps source coordinates onto
 * the output in one step, for the label guard and the quality bench alike.
 *
 * <p>Coordinates are pixel edges (pixel i spans [i, i+1)), the convention of OpenCV's resize, so one formula maps
 * boxes and sub-pixel points: {@code out = offset + (in - crop) * scale}. Scales are the exact ratios of the sizes,
 * per axis: a factor rounded for the report (1.37 for 548/400 = 1.37, but 2.35 for 2.3456) misplaced a label box
 * on the canvas by several pixels.
 *
 * @param cropX        left of the source region shown, in source pixels (fractional after an enlargement)
 * @param cropY        top of that region
 * @param cropWidth    its width in source pixels
 * @param cropHeight   its height in source pixels
 * @param scaleX       output pixels per source pixel across
 * @param scaleY       output pixels per source pixel down
 * @param offsetX      output x of the region's left edge (the padding on the left)
 * @param offsetY      output y of the region's top edge
 * @param canvasWidth  width of the frame this placement describes
 * @param canvasHeight height of that frame
 */
public record Placement(double cropX, double cropY, double cropWidth, double cropHeight, double scaleX, double scaleY,
                        double offsetX, double offsetY, int canvasWidth, int canvasHeight) {

  public Placement {
    for (double v : new double[] {cropX, cropY, cropWidth, cropHeight, scaleX, scaleY, offsetX, offsetY}) {
      if (!Double.isFinite(v)) throw new IllegalArgumentException("placement values must be finite, got " + v);
    }
    if (cropWidth <= 0 || cropHeight <= 0) {
      throw new IllegalArgumentException("placement crop must have a positive size, got " + cropWidth + "x" + cropHeight);
    }
    if (scaleX <= 0 || scaleY <= 0) {
      throw new IllegalArgumentException("placement scale must be positive, got " + scaleX + " x " + scaleY);
    }
    if (canvasWidth <= 0 || canvasHeight <= 0) {
      throw new IllegalArgumentException("placement canvas must have a positive size, got " + canvasWidth + "x"
          + canvasHeight);
    }
  }

  /** The source as decoded: nothing moved. */
  public static Placement identity(int width, int height) {
    return new Placement(0, 0, width, height, 1, 1, 0, 0, width, height);
  }

  /** A whole frame resampled to another size (an enlargement), each axis by the exact ratio of the sizes. */
  public static Placement resized(int fromWidth, int fromHeight, int toWidth, int toHeight) {
    return new Placement(0, 0, fromWidth, fromHeight, toWidth / (double) fromWidth, toHeight / (double) fromHeight, 0,
        0, toWidth, toHeight);
  }

  /** A box of a frame resampled to {@code scaledWidth x scaledHeight} and put at an offset on a canvas. */
  public static Placement cropped(Rect box, int scaledWidth, int scaledHeight, int offsetX, int offsetY,
      int canvasWidth, int canvasHeight) {
    return new Placement(box.x, box.y, box.width, box.height, scaledWidth / (double) box.width,
        scaledHeight / (double) box.height, offsetX, offsetY, canvasWidth, canvasHeight);
  }

  public boolean isIdentity() {
    return equals(identity(canvasWidth, canvasHeight));
  }

  /** True when this describes a frame of that size. */
  public boolean describes(int width, int height) {
    return canvasWidth == width && canvasHeight == height;
  }

  public double toOutputX(double sourceX) {
    return offsetX + (sourceX - cropX) * scaleX;
  }

  public double toOutputY(double sourceY) {
    return offsetY + (sourceY - cropY) * scaleY;
  }

  public double toSourceX(double outputX) {
    return cropX + (outputX - offsetX) / scaleX;
  }

  public double toSourceY(double outputY) {
    return cropY + (outputY - offsetY) / scaleY;
  }

  /** A source box on the output, exactly (edges, not pixel centres). */
  public Rect2d toOutput(Rect2d sourceBox) {
    double x0 = toOutputX(sourceBox.x), y0 = toOutputY(sourceBox.y);
    return new Rect2d(x0, y0, toOutputX(sourceBox.x + sourceBox.width) - x0, toOutputY(sourceBox.y + sourceBox.height) - y0);
  }

  /**
   * The output pixels a source box covers: its exact edges rounded to the nearest pixel boundary and clipped to the
   * canvas; empty when less than a pixel of it is on the canvas.
   */
  public Optional<Rect> outputPixels(Rect sourceBox) {
    Rect2d exact = toOutput(new Rect2d(sourceBox.x, sourceBox.y, sourceBox.width, sourceBox.height));
    int x0 = clamp(Math.round(exact.x), canvasWidth), y0 = clamp(Math.round(exact.y), canvasHeight);
    int x1 = clamp(Math.round(exact.x + exact.width), canvasWidth);
    int y1 = clamp(Math.round(exact.y + exact.height), canvasHeight);
    return x1 - x0 < 1 || y1 - y0 < 1 ? Optional.empty() : Optional.of(new Rect(x0, y0, x1 - x0, y1 - y0));
  }

  /** The part of the source region that is on the canvas, in source coordinates; empty when none is. */
  public Optional<Rect2d> visibleSource() {
    double x0 = Math.max(cropX, toSourceX(0)), y0 = Math.max(cropY, toSourceY(0));
    double x1 = Math.min(cropX + cropWidth, toSourceX(canvasWidth));
    double y1 = Math.min(cropY + cropHeight, toSourceY(canvasHeight));
    return x1 <= x0 || y1 <= y0 ? Optional.empty() : Optional.of(new Rect2d(x0, y0, x1 - x0, y1 - y0));
  }

  /**
   * The 2x3 matrix {@code Imgproc.warpAffine} takes to draw a source-frame image where this placement puts the
   * source: from pixel indices to pixel indices, so the half-pixel shift between edges and centres is included.
   */
  public Mat sourceToOutputAffine() {
    Mat affine = new Mat(2, 3, CvType.CV_64F);
    affine.put(0, 0, scaleX, 0, toOutputX(0.5) - 0.5, 0, scaleY, toOutputY(0.5) - 0.5);
    return affine;
  }

  /**
   * This placement followed by {@code next}, which a later step made in the coordinates of this one's output: the
   * source region both keep, scaled by both, where {@code next} put it.
   */
  public Placement then(Placement next) {
    double x0 = Math.max(cropX, toSourceX(next.cropX)), y0 = Math.max(cropY, toSourceY(next.cropY));
    double x1 = Math.min(cropX + cropWidth, toSourceX(next.cropX + next.cropWidth));
    double y1 = Math.min(cropY + cropHeight, toSourceY(next.cropY + next.cropHeight));
    if (x1 <= x0 || y1 <= y0) {
      throw new IllegalArgumentException("placement " + next + " keeps none of the source region of " + this);
    }
    return new Placement(x0, y0, x1 - x0, y1 - y0, scaleX * next.scaleX, scaleY * next.scaleY,
        next.toOutputX(toOutputX(x0)), next.toOutputY(toOutputY(y0)), next.canvasWidth, next.canvasHeight);
  }

  private static int clamp(long v, int max) {
    return (int) Math.max(0, Math.min(max, v));
  }
}
