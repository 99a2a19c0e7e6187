package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.options.EnhanceOptions.Stage;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.quality.labelguard.TextRegionDetector;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Overshoot-limited unsharp mask on luminance, so label text stays crisp on zoom without halos. The amount follows the
 * measured {@link EdgeAcutance} (none in AUTO when edges are already steep), the radius follows the upscale factor
 * (an enlarged edge is wider) and the measured edge width. Halos cannot form: each result is clamped to the original's 3x3 minimum and maximum,
 * so an edge gets steeper but never brighter or darker than its own two sides. Small differences (noise) are cored
 * away and flat regions are left alone. Colour is untouched: the same luminance change is added to B, G and R.
 * Printed text in an enlarged image gets a gentler amount: Lanczos-enlarged label text reads best lightly sharpened
 * (Tesseract confidence on the label fixtures enlarged 1.6-3x fell up to 9 points at full amount, at most 8 and mostly
 * none at {@value #TEXT_MAX_AMOUNT}); text blurred in the source still gets the full amount, which brings it closer
 * to the sharp original.
 */
public final class SharpenStep implements Step {
  /** At or above this acutance AUTO leaves the image alone (crisp print ~0.5; product photos measure 0.2-0.37). */
  static final double SHARP_ENOUGH = 0.38;
  /** Acutance at which the amount is at its maximum (about a sigma-2.5 blur). */
  static final double VERY_SOFT = 0.16;
  /** High for a plain USM; safe here because the clamp, not the amount, bounds every pixel. */
  static final double MAX_AMOUNT = 3.0;
  /** Explicit sharpen modes always do at least this much. */
  static final double MIN_EXPLICIT_AMOUNT = 0.4;
  /** Detail below this many levels (or 1.5 noise sigmas) is treated as noise and not boosted. */
  static final double CORING_LEVELS = 2.0;
  /** 5x5 windows with less range than this are flat (sky, backdrop) and left untouched. */
  static final double FLAT_RANGE = 6;
  /** Ceiling of the amount inside detected text lines and codes. */
  static final double TEXT_MAX_AMOUNT = 0.5;
  /** Upscale factor from which text counts as enlarged. */
  static final double ENLARGED = 1.2;

  private static final TextRegionDetector TEXT = new TextRegionDetector();

  @Override
  public String name() {
    return "sharpen";
  }

  @Override
  public Frame apply(Frame input, StepContext context) {
    if (!context.options().runs(Stage.SHARPEN)) return input;
    Mat bgr = new Mat();
    input.bgr().convertTo(bgr, CvType.CV_32FC3);
    Mat luma = new Mat();
    Imgproc.cvtColor(bgr, luma, Imgproc.COLOR_BGR2GRAY);

    double acutance = EdgeAcutance.of(luma);
    double softness = Math.max(0, Math.min(1, (SHARP_ENOUGH - acutance) / (SHARP_ENOUGH - VERY_SOFT)));
    double amount = MAX_AMOUNT * softness;
    if (context.options().mode() != Mode.AUTO) amount = Math.max(amount, MIN_EXPLICIT_AMOUNT);
    if (amount <= 0) {
      context.notes().fact("sharpen_acutance", round(acutance));
      return input;
    }
    double sigma = radiusFor(enlargement(input), acutance);
    double coring = Math.max(CORING_LEVELS, context.source() == null ? 0 : 1.5 * context.source().noiseSigma());

    boolean enlarged = enlargement(input) >= ENLARGED;
    Mat weight = enlarged && amount > TEXT_MAX_AMOUNT ? textWeight(input.bgr(), TEXT_MAX_AMOUNT / amount) : null;
    Mat sharpened = overshootLimitedUnsharpMask(luma, amount, sigma, coring, weight);
    Mat delta = new Mat();
    Core.subtract(sharpened, luma, delta);
    Mat delta3 = new Mat();
    Core.merge(List.of(delta, delta, delta), delta3);
    Core.add(bgr, delta3, bgr);
    Mat out = new Mat();
    bgr.convertTo(out, CvType.CV_8UC3); // rounds and saturates

    context.notes().fact("sharpen_acutance", round(acutance));
    context.notes().fact("sharpen_amount", round(amount));
    context.notes().fact("sharpen_sigma", round(sigma));
    if (weight != null) {
      context.notes().fact("sharpen_text_amount", round(TEXT_MAX_AMOUNT));
      weight.release();
    }
    for (Mat m : new Mat[] {bgr, luma, sharpened, delta, delta3}) m.release();
    return input.withBgr(out);
  }

  /**
   * Gaussian sigma for the mask, matched to the edge width: at least half a pixel per 1x of upscaling (an enlarged
   * edge is wider), and at least the blur the acutance implies (a Gaussian edge of sigma s scores about 0.4/s);
   * 1..3 px.
   */
  static double radiusFor(double upscaleFactor, double acutance) {
    double fromUpscale = 0.5 + 0.5 * upscaleFactor;
    double fromBlur = acutance > 0 ? 0.4 / acutance : 3.0;
    return Math.min(3.0, Math.max(1.0, Math.max(fromUpscale, fromBlur)));
  }

  /**
   * CV_32F per-pixel multiplier of the amount: {@code textShare} over detected text (edges feathered so no seam
   * shows), 1 elsewhere; null when the image has no text.
   */
  static Mat textWeight(Mat bgr, double textShare) {
    Mat text = TEXT.detect(bgr);
    if (Core.countNonZero(text) == 0) {
      text.release();
      return null;
    }
    Mat weight = new Mat();
    text.convertTo(weight, CvType.CV_32F, -(1 - textShare) / 255.0, 1.0);
    Imgproc.blur(weight, weight, new Size(9, 9));
    text.release();
    return weight;
  }

  static Mat overshootLimitedUnsharpMask(Mat luma, double amount, double sigma, double coring) {
    return overshootLimitedUnsharpMask(luma, amount, sigma, coring, null);
  }

  /** @param weight CV_32F multiplier of the amount per pixel, or null for the same amount everywhere */
  static Mat overshootLimitedUnsharpMask(Mat luma, double amount, double sigma, double coring, Mat weight) {
    Mat blurred = new Mat();
    Imgproc.GaussianBlur(luma, blurred, new Size(0, 0), sigma, sigma, Core.BORDER_REFLECT);
    Mat detail = new Mat();
    Core.subtract(luma, blurred, detail);

    // soft coring: |d| -> max(|d| - t, 0), keeping the sign
    Mat magnitude = new Mat();
    Core.absdiff(detail, Scalar.all(0), magnitude);
    Mat cored = new Mat();
    Core.subtract(magnitude, Scalar.all(coring), cored);
    Imgproc.threshold(cored, cored, 0, 0, Imgproc.THRESH_TOZERO);
    Mat sign = new Mat();
    Core.divide(detail, magnitude, sign); // NaN where magnitude is 0; those pixels are zeroed below
    Core.patchNaNs(sign, 0);
    Mat boost = cored.mul(sign, amount);
    if (weight != null) Core.multiply(boost, weight, boost);

    Mat small = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
    Mat hi = new Mat();
    Mat lo = new Mat();
    Imgproc.dilate(luma, hi, small);
    Imgproc.erode(luma, lo, small);

    Mat wide = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5));
    Mat wideHi = new Mat();
    Mat wideLo = new Mat();
    Imgproc.dilate(luma, wideHi, wide);
    Imgproc.erode(luma, wideLo, wide);
    Mat wideRange = new Mat();
    Core.subtract(wideHi, wideLo, wideRange);
    Mat flat = new Mat();
    Core.compare(wideRange, Scalar.all(FLAT_RANGE), flat, Core.CMP_LT);
    boost.setTo(Scalar.all(0), flat);

    Mat result = new Mat();
    Core.add(luma, boost, result);
    Core.min(result, hi, result);
    Core.max(result, lo, result);
    List<Mat> temporaries = new ArrayList<>(List.of(blurred, detail, magnitude, cored, sign, boost, hi, lo, wideHi,
        wideLo, wideRange, flat));
    temporaries.forEach(Mat::release);
    return result;
  }

  /**
   * How far the source was enlarged to make this frame: the lesser axis, so a rounding pixel never tips it, to 0.01
   * as the reported factor this read before (a radius needs no finer figure, and the fourth decimal moved a
   * borderline OCR confidence in LabelGuardInPipelineTest).
   */
  private static double enlargement(Frame frame) {
    return Math.round(100 * Math.min(frame.placement().scaleX(), frame.placement().scaleY())) / 100.0;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
