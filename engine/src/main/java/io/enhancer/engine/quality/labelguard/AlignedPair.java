package io.enhancer.engine.quality.labelguard;

import io.enhancer.engine.pipeline.Placement;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Rect2d;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The source and the result cut to the same content and resized to the same pixel grid (the source's crop times
 * a working scale), so OCR and colour comparisons see like with like: the result is resampled from its own
 * resolution, never from a downscaled copy. {@code framing} says how the correspondence was found, for the report.
 */
record AlignedPair(Mat before, Mat after, Mat afterMatte, String framing) {
  /** Aspect ratios closer than this are taken to be the same framing when no placement was recorded. */
  static final double SAME_ASPECT_TOLERANCE = 0.01;

  /**
   * Maps the result back onto the source frame through {@code placement} (how the pipeline placed the source on the
   * result), both at {@code scale} times the source's pixels. Without a placement the whole images are paired when
   * their aspect ratios agree; otherwise each side is kept whole (word and code comparisons do not need pixel
   * alignment, colour comparison is then skipped).
   */
  static AlignedPair of(Mat before, Mat after, Mat afterMatte, Placement placement, double scale) {
    Optional<Placement> known = Optional.ofNullable(placement);
    String framing = "recorded_geometry";
    if (known.isEmpty()) {
      known = assumeSameFraming(before.cols(), before.rows(), after.cols(), after.rows());
      framing = "same_aspect";
    }
    Optional<Correspondence> part = known.flatMap(p -> Correspondence.of(p, before.cols(), before.rows()));
    if (part.isEmpty()) {
      // Framing unknown: give the result the same width as the scaled source, the best guess at equal text size.
      Mat afterAtScale = resize(after, scaled(after.size(), scale * before.cols() / (double) after.cols()));
      return new AlignedPair(resize(before, scaled(before.size(), scale)), afterAtScale, null, "unaligned");
    }
    Mat beforeSource = before.submat(part.get().source());
    Size target = scaled(beforeSource.size(), scale);
    Mat beforeCut = resize(beforeSource, target);
    Mat afterCut = resize(after.submat(part.get().result()), target);
    Mat matteCut = afterMatte == null ? null : resize(afterMatte.submat(part.get().result()), target);
    return new AlignedPair(beforeCut, afterCut, matteCut, framing);
  }

  /**
   * Fallback when the pipeline recorded no placement: assume the result shows the whole source resized, which holds
   * when the aspect ratios agree; empty otherwise (the framing changed in a way we cannot undo).
   */
  static Optional<Placement> assumeSameFraming(int sourceWidth, int sourceHeight, int resultWidth, int resultHeight) {
    double sourceAspect = sourceWidth / (double) sourceHeight;
    double resultAspect = resultWidth / (double) resultHeight;
    if (Math.abs(sourceAspect / resultAspect - 1) > SAME_ASPECT_TOLERANCE) return Optional.empty();
    return Optional.of(Placement.resized(sourceWidth, sourceHeight, resultWidth, resultHeight));
  }

  boolean aligned() {
    return !"unaligned".equals(framing);
  }

  /** The same content seen in the source ({@code source}) and in the result ({@code result}). */
  record Correspondence(Rect source, Rect result) {
    /** Rounding slack, so a crop edge at 12.9999999 source pixels still starts at pixel 13. */
    private static final double EDGE_EPSILON = 1e-6;

    /**
     * The source pixels of the placement's region that are on its canvas, from the pixel its left edge falls in, as
     * many as its width rounds to (whole pixels, so the source side is never resampled), and the result pixels they
     * became, mapped exactly; empty when fewer than two rows or columns are visible. Tesseract's page layout is
     * sensitive to the cut: the same crop less its partly shown first and last pixels read none of a boxed label's
     * words (BoxedLabelIsNotAFalseLossTest), so the source side is cut as it always was.
     */
    static Optional<Correspondence> of(Placement placement, int sourceWidth, int sourceHeight) {
      Optional<Rect2d> visible = placement.visibleSource();
      if (visible.isEmpty()) return Optional.empty();
      Rect2d v = visible.get();
      int x0 = Math.max(0, (int) Math.floor(v.x + EDGE_EPSILON));
      int y0 = Math.max(0, (int) Math.floor(v.y + EDGE_EPSILON));
      int x1 = Math.min(sourceWidth, x0 + (int) Math.round(v.width));
      int y1 = Math.min(sourceHeight, y0 + (int) Math.round(v.height));
      if (x1 - x0 < 2 || y1 - y0 < 2) return Optional.empty();
      Rect source = new Rect(x0, y0, x1 - x0, y1 - y0);
      return placement.outputPixels(source).map(result -> new Correspondence(source, result));
    }
  }

  private static Size scaled(Size size, double scale) {
    return new Size(Math.max(1, Math.round(size.width * scale)), Math.max(1, Math.round(size.height * scale)));
  }

  private static Mat resize(Mat image, Size target) {
    if (image.size().equals(target)) return image;
    Mat out = new Mat();
    boolean shrinking = image.cols() > target.width;
    Imgproc.resize(image, out, target, 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
    return out;
  }
}
