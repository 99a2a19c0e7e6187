package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions.Stage;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.RgbColor;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.quality.ImageMetrics;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.CLAHE;
import org.opencv.imgproc.Imgproc;

/**
 * White balance, exposure and local contrast. The plan comes from the source analysis: in AUTO the step runs only
 * when it helps (a cast, under or over exposure, low contrast), each correction in proportion to the problem; in
 * FULL it always runs, with the same proportional strengths plus a little local contrast, so a good image barely
 * changes. White balance is a per-channel gain that maps the measured neutral reference (the backdrop, or the
 * near-neutral pixels) to grey; exposure is a levels stretch to the white point and a gamma toward a comfortable
 * mean; local contrast is CLAHE on CIELAB lightness with a low clip limit, blended in. Channel gains and a shared
 * tone curve leave the hue of saturated product colours alone. When the frame has a matte the background has
 * already been composited, so only the product is corrected and background pixels stay exactly as they are.
 */
public final class CorrectLightAndColourStep implements Step {
  /** Cast (CIELAB chroma) below which white balance does nothing, and above which it is fully applied. */
  static final double CAST_IGNORED = 2;
  static final double CAST_FULL = 8;
  /** Cast AUTO considers worth correcting. */
  static final double CAST_NOTICEABLE = 4;
  private static final double MAX_GAIN = 1.5;
  /**
   * Lighting casts on a white or grey backdrop stay below about this chroma; beyond it the backdrop is more likely
   * coloured on purpose, and "correcting" it would shift the product's own colours. Fades out up to the second.
   */
  static final double CAST_PLAUSIBLE = 20;
  static final double CAST_DELIBERATE = 26;
  /** A white point below this (99.5th luma percentile) means nothing in the image is bright: stretch to 245. */
  static final int DIM_WHITE_POINT = 235;
  private static final double STRETCH_TARGET = 245;
  private static final double MAX_STRETCH = 1.8;
  /** Comfortable mean luma; gamma only moves an image that falls outside. */
  static final double DARK_MEAN = 90;
  static final double BRIGHT_PRODUCT = 200;
  private static final double BRIGHT_PRODUCT_TARGET = 180;
  private static final double WASHED_OUT_CLIPPED = 0.05;
  private static final double MIN_GAMMA = 0.7;
  private static final double MAX_GAMMA = 1.4;
  /** Luma standard deviation below which the image looks flat; CLAHE is fully blended in at half of it. */
  static final double LOW_CONTRAST = 30;
  private static final double FULL_MODE_CLAHE = 0.2;
  private static final double CLAHE_CLIP_LIMIT = 1.5;
  private static final Size CLAHE_TILES = new Size(8, 8);
  /** A backdrop that is not uniform may not be neutral either: trust its cast half as much. */
  private static final double CLUTTERED_BORDER = 0.5;

  public CorrectLightAndColourStep() {
    OpenCvRuntime.ensureLoaded();
  }

  @Override
  public String name() {
    return "light_and_colour";
  }

  /**
   * What the step will do.
   *
   * @param gainsBgr     white-balance gain per channel (B, G, R)
   * @param exposureGain levels stretch applied to every channel
   * @param gamma        tone curve exponent (< 1 brightens)
   * @param claheAmount  0..1 blend of CLAHE-equalised lightness
   * @param reasons      why, for the notes
   */
  record Plan(double[] gainsBgr, double exposureGain, double gamma, double claheAmount, List<String> reasons) {
    boolean changesAnything() {
      return !reasons.isEmpty() || claheAmount > 0;
    }
  }

  @Override
  public Frame apply(Frame input, StepContext context) {
    if (!context.options().runs(Stage.LIGHT_AND_COLOUR)) return input;
    Plan plan = plan(context.source(), whitePoint(input.bgr(), input.matte()), context.options().mode());
    if (context.options().mode() != Mode.FULL && plan.reasons().isEmpty()) return input;
    if (!plan.changesAnything()) return input;

    Mat corrected = applyTone(input.bgr(), plan);
    if (plan.claheAmount() > 0) {
      Mat equalised = equaliseLightness(corrected, plan.claheAmount());
      corrected.release();
      corrected = equalised;
    }
    Mat result = input.hasMatte() ? onProductOnly(input.bgr(), corrected, input.matte()) : corrected;

    var notes = context.notes();
    notes.fact("white_balance_gains_rgb", List.of(round3(plan.gainsBgr()[2]), round3(plan.gainsBgr()[1]),
        round3(plan.gainsBgr()[0])));
    notes.fact("exposure_gain", round3(plan.exposureGain()));
    notes.fact("gamma", round3(plan.gamma()));
    notes.fact("clahe_amount", round3(plan.claheAmount()));
    notes.fact("clahe_clip_limit", CLAHE_CLIP_LIMIT);
    notes.fact("light_and_colour", String.join(", ", plan.reasons().isEmpty() ? List.of("gentle") : plan.reasons()));
    return input.withBgr(result);
  }

  static Plan plan(ImageMetrics m, double whitePoint, Mode mode) {
    List<String> reasons = new ArrayList<>();
    double[] gains = {1, 1, 1};
    RgbColor ref = m.neutralReference();
    if (ref != null && m.colourCast() > CAST_IGNORED && (mode == Mode.FULL || m.colourCast() >= CAST_NOTICEABLE)) {
      double strength = clamp((m.colourCast() - CAST_IGNORED) / (CAST_FULL - CAST_IGNORED), 0, 1);
      if (m.borderUniformity() < CLUTTERED_BORDER) strength *= 0.5;
      strength *= clamp((CAST_DELIBERATE - m.colourCast()) / (CAST_DELIBERATE - CAST_PLAUSIBLE), 0, 1);
      double[] refBgr = {Math.max(1, ref.b()), Math.max(1, ref.g()), Math.max(1, ref.r())};
      double brightest = Math.max(refBgr[0], Math.max(refBgr[1], refBgr[2]));
      for (int c = 0; c < 3; c++) {
        gains[c] = clamp(Math.pow(brightest / refBgr[c], strength), 1 / MAX_GAIN, MAX_GAIN);
      }
      reasons.add(strength > 0
          ? String.format(java.util.Locale.ROOT, "colour cast %.1f", m.colourCast())
          : String.format(java.util.Locale.ROOT, "backdrop colour looks deliberate (chroma %.1f); white balance left", m.colourCast()));
    }

    double stretch = 1;
    if (whitePoint < DIM_WHITE_POINT) {
      stretch = Math.min(MAX_STRETCH, STRETCH_TARGET / Math.max(1, whitePoint));
      reasons.add(String.format(java.util.Locale.ROOT, "dim white point %.0f", whitePoint));
    }
    double gamma = 1;
    double meanAfterStretch = Math.min(250, m.meanLuma() * stretch);
    double productAfterStretch = Math.min(250, m.productLuma() * stretch);
    if (meanAfterStretch < DARK_MEAN) {
      gamma = clamp(Math.log(DARK_MEAN / 255) / Math.log(Math.max(1, meanAfterStretch) / 255), MIN_GAMMA, 1);
      reasons.add(String.format(java.util.Locale.ROOT, "underexposed (mean luma %.0f)", m.meanLuma()));
    } else if (productAfterStretch > BRIGHT_PRODUCT && m.clippedHighlights() > WASHED_OUT_CLIPPED) {
      gamma = clamp(Math.log(BRIGHT_PRODUCT_TARGET / 255) / Math.log(productAfterStretch / 255), 1, MAX_GAMMA);
      reasons.add(String.format(java.util.Locale.ROOT, "overexposed (product luma %.0f)", m.productLuma()));
    }

    double clahe = clamp((LOW_CONTRAST - m.contrast()) / (LOW_CONTRAST / 2), 0, 1);
    if (clahe > 0) reasons.add(String.format(java.util.Locale.ROOT, "low contrast %.0f", m.contrast()));
    if (mode == Mode.FULL) clahe = Math.max(clahe, FULL_MODE_CLAHE);
    return new Plan(gains, stretch, gamma, clahe, List.copyOf(reasons));
  }

  /**
   * Luma at the 99.5th percentile: the brightest real content, ignoring a few specular pixels. With a matte only
   * the product counts, since the background was composited to a chosen colour.
   */
  static double whitePoint(Mat bgr, Mat matte) {
    Mat gray = new Mat();
    Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
    Mat productMask = new Mat();
    if (matte != null) Imgproc.threshold(matte, productMask, 127, 255, Imgproc.THRESH_BINARY);
    Mat hist = new Mat();
    Imgproc.calcHist(List.of(gray), new org.opencv.core.MatOfInt(0), productMask, hist,
        new org.opencv.core.MatOfInt(256), new org.opencv.core.MatOfFloat(0, 256));
    float[] counts = new float[256];
    hist.get(0, 0, counts);
    double total = 0;
    for (float n : counts) total += n;
    gray.release();
    hist.release();
    productMask.release();
    if (total == 0) return 255;
    double seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += counts[v];
      if (seen >= 0.995 * total) return v;
    }
    return 255;
  }

  /** Channel gains, stretch and gamma as one lookup table per channel. */
  private static Mat applyTone(Mat bgr, Plan plan) {
    Mat lut = new Mat(1, 256, CvType.CV_8UC3);
    byte[] table = new byte[256 * 3];
    for (int v = 0; v < 256; v++) {
      for (int c = 0; c < 3; c++) {
        double linear = Math.min(1, v * plan.gainsBgr()[c] * plan.exposureGain() / 255);
        table[v * 3 + c] = (byte) Math.round(255 * Math.pow(linear, plan.gamma()));
      }
    }
    lut.put(0, 0, table);
    Mat out = new Mat();
    Core.LUT(bgr, lut, out);
    lut.release();
    return out;
  }

  /** CLAHE on CIELAB lightness, blended with the original lightness by {@code amount}; a and b untouched. */
  private static Mat equaliseLightness(Mat bgr, double amount) {
    Mat lab = new Mat();
    Imgproc.cvtColor(bgr, lab, Imgproc.COLOR_BGR2Lab);
    List<Mat> channels = new ArrayList<>();
    Core.split(lab, channels);
    CLAHE clahe = Imgproc.createCLAHE(CLAHE_CLIP_LIMIT, CLAHE_TILES);
    Mat equalised = new Mat();
    clahe.apply(channels.get(0), equalised);
    Core.addWeighted(channels.get(0), 1 - amount, equalised, amount, 0, channels.get(0));
    Core.merge(channels, lab);
    Mat out = new Mat();
    Imgproc.cvtColor(lab, out, Imgproc.COLOR_Lab2BGR);
    lab.release();
    equalised.release();
    channels.forEach(Mat::release);
    return out;
  }

  /** Corrected pixels weighted by the matte; where the matte is 0 the original pixels are copied back exactly. */
  private static Mat onProductOnly(Mat original, Mat corrected, Mat matte) {
    Mat alpha = new Mat();
    matte.convertTo(alpha, CvType.CV_32F, 1 / 255.0);
    Mat alpha3 = new Mat();
    Imgproc.cvtColor(alpha, alpha3, Imgproc.COLOR_GRAY2BGR);
    Mat a = new Mat();
    Mat b = new Mat();
    original.convertTo(a, CvType.CV_32FC3);
    corrected.convertTo(b, CvType.CV_32FC3);
    Core.subtract(b, a, b);
    Core.multiply(b, alpha3, b);
    Core.add(a, b, a);
    Mat out = new Mat();
    a.convertTo(out, CvType.CV_8UC3);
    Mat background = new Mat();
    Core.compare(matte, new Scalar(0), background, Core.CMP_EQ);
    original.copyTo(out, background);
    for (Mat m : new Mat[] {alpha, alpha3, a, b, background, corrected}) m.release();
    return out;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
