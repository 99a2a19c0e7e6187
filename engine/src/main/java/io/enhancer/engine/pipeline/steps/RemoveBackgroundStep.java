package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.matting.BorderColourModel;
import io.enhancer.engine.matting.MaskOverlap;
import io.enhancer.engine.matting.MatteCompositor;
import io.enhancer.engine.matting.MatteConfidence;
import io.enhancer.engine.models.ClassicalMatteEstimator;
import io.enhancer.engine.models.MatteEstimator;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.RgbColor;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.quality.ImageMetrics;
import java.util.Locale;
import java.util.Objects;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Separates the product and puts it on the requested background colour. A source alpha channel is used as the
 * matte when it holds a real cut-out; otherwise the estimator finds one. Records how trustworthy the cut-out is.
 */
public final class RemoveBackgroundStep implements Step {
  /** Border pixels within this many levels (every channel) of the background colour count as already clean. */
  private static final int CLEAN_TOLERANCE = 6;
  private static final double CLEAN_SHARE = 0.97;
  /**
   * Soft-edge share above which the cut-out is flagged. Measured: 0.10-0.13 on clean synthetic products, 0.42 on a
   * coloured backdrop (colour unmixing softens JPEG edges), 0.29 mean on ECSSD; so only extreme values say much.
   */
  private static final double SOFT_EDGE_TOLERATED = 0.5;

  /** Below this IoU between the primary and the cross-check mattes the cut-out goes to a reviewer. */
  private static final double MIN_AGREEMENT = 0.8;
  /** The cross-check runs at this long side: enough to see a wrong object, cheap next to the primary. */
  private static final int CROSS_CHECK_SIDE = 320;
  /** Smallest hole the cross-check may open, as a share of the image: below this it is noise, not a handle. */
  private static final double MIN_HOLE_SHARE = 0.001;

  private final MatteEstimator estimator;
  private final MatteEstimator crossCheck;
  private final MatteCompositor compositor = new MatteCompositor();

  /** Uses the classical estimator, which needs no model files. */
  public RemoveBackgroundStep() {
    this(new ClassicalMatteEstimator());
  }

  public RemoveBackgroundStep(MatteEstimator estimator) {
    this(estimator, null);
  }

  /**
   * @param crossCheck an independent estimator (the classical one beside a neural primary) whose disagreement
   *                   flags doubtful cut-outs for review; null for none
   */
  public RemoveBackgroundStep(MatteEstimator estimator, MatteEstimator crossCheck) {
    this.estimator = Objects.requireNonNull(estimator, "estimator");
    this.crossCheck = crossCheck;
  }

  @Override
  public String name() {
    return "remove_background";
  }

  @Override
  public Frame apply(Frame input, StepContext context) {
    EnhanceOptions options = context.options();
    StepNotes notes = context.notes();
    if (!wanted(input, options, context.source(), notes)) return input;

    boolean fromSource = input.hasMatte() && isCutOut(input.matte());
    Mat matte = fromSource ? input.matte() : estimator.estimate(input.bgr());
    String matteSource = fromSource ? "source_alpha" : estimator.name();
    notes.fact("matte", matteSource);

    MatteConfidence confidence = MatteConfidence.measure(matte);
    notes.fact("matte_product_share", round(confidence.productShare()));
    notes.fact("matte_soft_edge_share", round(confidence.softEdgeShare()));
    notes.fact("matte_touches_border", confidence.touchingSides());
    if (confidence.productShare() < 0.002) {
      notes.penalty("no product found; background kept", 25);
      return input;
    }
    if (!fromSource) {
      notePenalties(confidence, input.bgr(), notes);
      if (crossCheck != null) matte = crossChecked(input.bgr(), matte, notes);
    }

    Mat composite = compositor.composite(input.bgr(), matte, options.background(), !fromSource, options.shadow());
    return new Frame(composite, matte);
  }

  /** Forced by the option, always in FULL, and in AUTO only when the background is not already the target. */
  private static boolean wanted(Frame input, EnhanceOptions options, ImageMetrics source, StepNotes notes) {
    if (options.removeBackground() != null) return options.removeBackground();
    if (options.mode() == Mode.FULL) return true;
    if (options.mode() != Mode.AUTO) return false;
    if (input.hasMatte() && isCutOut(input.matte())) return true;
    boolean clean = alreadyClean(input.bgr(), options.background(), source);
    notes.fact("background_already_clean", clean);
    return !clean;
  }

  private static boolean alreadyClean(Mat bgr, RgbColor background, ImageMetrics source) {
    boolean measured = source != null && (source.borderWhiteness() > 0 || source.borderUniformity() > 0);
    if (measured && background.equals(RgbColor.WHITE)) {
      return source.borderWhiteness() >= 0.95 && source.borderUniformity() >= 0.8;
    }
    return borderShareNear(bgr, background) >= CLEAN_SHARE;
  }

  /** Share of the border band within {@link #CLEAN_TOLERANCE} of the colour in every channel. */
  static double borderShareNear(Mat bgr, RgbColor colour) {
    int band = BorderColourModel.bandWidth(bgr.cols(), bgr.rows());
    int w = bgr.cols(), h = bgr.rows();
    byte[] px = new byte[w * h * 3];
    bgr.get(0, 0, px);
    long near = 0, total = 0;
    int[] target = {colour.b(), colour.g(), colour.r()};
    for (int y = 0; y < h; y++) {
      boolean bandRow = y < band || y >= h - band;
      for (int x = 0; x < w; x++) {
        if (!bandRow && x >= band && x < w - band) continue;
        int o = 3 * (y * w + x);
        total++;
        if (Math.abs((px[o] & 0xFF) - target[0]) <= CLEAN_TOLERANCE
            && Math.abs((px[o + 1] & 0xFF) - target[1]) <= CLEAN_TOLERANCE
            && Math.abs((px[o + 2] & 0xFF) - target[2]) <= CLEAN_TOLERANCE) {
          near++;
        }
      }
    }
    return total == 0 ? 0 : near / (double) total;
  }

  /** A source alpha channel that is opaque everywhere is no cut-out (many PNGs carry one anyway). */
  private static boolean isCutOut(Mat matte) {
    return Core.minMaxLoc(matte).minVal < 250;
  }

  private void notePenalties(MatteConfidence confidence, Mat bgr, StepNotes notes) {
    if (confidence.softEdgeShare() > SOFT_EDGE_TOLERATED) {
      notes.penalty(String.format(Locale.ROOT, "cut-out uncertain (%.0f %% of edge pixels soft)",
          100 * confidence.softEdgeShare()), Math.min(20, 40 * (confidence.softEdgeShare() - SOFT_EDGE_TOLERATED) + 5));
    }
    if (!confidence.touchingSides().isEmpty()) {
      notes.penalty("product touches the image border (" + String.join(", ", confidence.touchingSides())
          + "); it may be cut off in the source", 5);
    }
    if (confidence.productShare() > 0.95) notes.penalty("cut-out covers almost the whole image", 15);
    if ("classical".equals(estimator.name())) {
      double dominant = dominantBorderColourShare(bgr);
      notes.fact("background_dominant_colour_share", round(dominant));
      if (dominant < 0.5) notes.penalty("cluttered background; classical cut-out may be rough", 10);
    }
  }

  /**
   * Compares the primary matte with the cross-check's at a small working size: their IoU flags doubtful cut-outs,
   * and where they broadly agree, holes the cross-check sees inside the product (a handle's opening, which salient
   * object models tend to fill) are opened in the primary matte.
   */
  private Mat crossChecked(Mat bgr, Mat matte, StepNotes notes) {
    double scale = Math.min(1, CROSS_CHECK_SIDE / (double) Math.max(bgr.cols(), bgr.rows()));
    Size small = new Size(Math.max(1, Math.round(bgr.cols() * scale)), Math.max(1, Math.round(bgr.rows() * scale)));
    Mat smallBgr = new Mat();
    Imgproc.resize(bgr, smallBgr, small, 0, 0, Imgproc.INTER_AREA);
    Mat reference = crossCheck.estimate(smallBgr);
    Mat smallMatte = new Mat();
    Imgproc.resize(matte, smallMatte, small, 0, 0, Imgproc.INTER_AREA);
    Mat a = new Mat();
    Mat b = new Mat();
    Imgproc.threshold(smallMatte, a, 127, 255, Imgproc.THRESH_BINARY);
    Imgproc.threshold(reference, b, 127, 255, Imgproc.THRESH_BINARY);
    double iou = MaskOverlap.iou(a, b);
    notes.fact("matte_agreement_iou", round(iou));
    notes.fact("matte_cross_check", crossCheck.name());
    Mat result = matte;
    if (iou < MIN_AGREEMENT) {
      notes.penalty(String.format(Locale.ROOT, "cut-out uncertain: %s and %s cut-outs disagree (IoU %.2f)",
          estimator.name(), crossCheck.name(), iou), iou < 0.5 ? 25 : 15);
    } else {
      Mat holes = enclosedHoles(a, b);
      int holePixels = Core.countNonZero(holes);
      if (holePixels > 0) {
        result = openHoles(matte, holes);
        notes.fact("matte_holes_opened_share", round(holePixels / (double) (small.width * small.height)));
      }
      holes.release();
    }
    for (Mat m : new Mat[] {smallBgr, reference, smallMatte, a, b}) m.release();
    return result;
  }

  /** Regions the primary calls product and the reference calls background that the primary's background never touches. */
  private static Mat enclosedHoles(Mat primary, Mat reference) {
    Mat candidate = new Mat();
    Mat notReference = new Mat();
    Core.bitwise_not(reference, notReference);
    Core.bitwise_and(primary, notReference, candidate);
    Mat primaryBackground = new Mat();
    Core.bitwise_not(primary, primaryBackground);
    Mat labels = new Mat();
    Mat stats = new Mat();
    Mat centroids = new Mat();
    int n = Imgproc.connectedComponentsWithStats(candidate, labels, stats, centroids, 8, CvType.CV_32S);
    Mat holes = Mat.zeros(primary.size(), CvType.CV_8UC1);
    double minArea = MIN_HOLE_SHARE * primary.total();
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5));
    for (int i = 1; i < n; i++) {
      if (stats.get(i, Imgproc.CC_STAT_AREA)[0] < minArea) continue;
      Mat component = new Mat();
      Core.compare(labels, new Scalar(i), component, Core.CMP_EQ);
      Mat grown = new Mat();
      Imgproc.dilate(component, grown, kernel);
      Core.bitwise_and(grown, primaryBackground, grown);
      if (Core.countNonZero(grown) == 0) Core.bitwise_or(holes, component, holes);
      component.release();
      grown.release();
    }
    for (Mat m : new Mat[] {candidate, notReference, primaryBackground, labels, stats, centroids}) m.release();
    return holes;
  }

  /** The full-size matte with the (small) hole mask cut out, its edge softened by one working-size pixel. */
  private static Mat openHoles(Mat matte, Mat smallHoles) {
    Mat holes = new Mat();
    Imgproc.resize(smallHoles, holes, matte.size(), 0, 0, Imgproc.INTER_LINEAR);
    double sigma = Math.max(1, matte.cols() / (double) smallHoles.cols());
    Imgproc.GaussianBlur(holes, holes, new Size(0, 0), sigma);
    Mat keep = new Mat();
    Core.bitwise_not(holes, keep);
    Mat opened = new Mat();
    Core.min(matte, keep, opened);
    holes.release();
    keep.release();
    return opened;
  }

  private static double dominantBorderColourShare(Mat bgr) {
    double scale = Math.min(1, 256.0 / Math.max(bgr.cols(), bgr.rows()));
    Mat small = new Mat();
    Imgproc.resize(bgr, small, new Size(Math.max(1, Math.round(bgr.cols() * scale)),
        Math.max(1, Math.round(bgr.rows() * scale))), 0, 0, Imgproc.INTER_AREA);
    Mat lab = new Mat();
    Imgproc.cvtColor(small, lab, Imgproc.COLOR_BGR2Lab);
    byte[] px = new byte[small.cols() * small.rows() * 3];
    lab.get(0, 0, px);
    return BorderColourModel.fit(px, small.cols(), small.rows()).dominantWeight();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
