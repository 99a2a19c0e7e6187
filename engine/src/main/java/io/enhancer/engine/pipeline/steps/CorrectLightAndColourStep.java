package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions.Stage;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Step;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.quality.ImageMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.CLAHE;
import org.opencv.imgproc.Imgproc;

/**
 * Faithful light and colour, with a do-no-harm rule: white balance and exposure are estimated on what should be
 * neutral, the backdrop (under the cut-out's background mask, or the border band without one) cross-checked with
 * the light neutral parts of the product (label paper, white plastic), and applied as per-channel gains in linear
 * light, which is how a cast or an exposure error arises, so saturated label colours (red warnings, blue logos)
 * keep their hue. When the backdrop is not plain, looks coloured on purpose, disagrees with the product's
 * neutrals, or is already neutral and bright, nothing changes: a wrong guess costs more than a small cast.
 * Local contrast (CLAHE on lightness) only lifts flat photos that have no plain backdrop; it is never forced, since
 * it moves colours away from the truth. With a matte the backdrop has already been composited, so the estimate
 * reads the decoded source and only the product is corrected.
 */
public final class CorrectLightAndColourStep implements Step {
  /** Backdrop chroma (CIELAB) below which the photo counts as neutral; white balance is full from twice this. */
  static final double NEUTRAL_CHROMA = 1.5;
  /**
   * Lighting casts on a white or grey backdrop stay below this chroma; beyond it the colour is deliberate. A
   * tungsten-like cast (sRGB x1.14 red, x0.82 blue) puts a near-white backdrop at 24-26, which the earlier 22 called
   * deliberate (quality bench scene white_box-near_white-colour_cast: dE 15.0 -> 15.1 left, 2.6 corrected); pastel
   * backdrops of that chroma are told apart by the product's neutral whites (FaithfulColourTest).
   */
  static final double CAST_PLAUSIBLE = 32;
  /** A plain backdrop: enough pixels whose a*b* stay this close (mean distance) to their mean. */
  static final double MAX_CHROMA_SPREAD = 4;
  static final int MIN_BACKDROP_PIXELS = 300;
  static final int MIN_PRODUCT_NEUTRALS = 40;
  /** Linear-light gain ceiling per channel: a strong cast needs ~2.2 on blue (1.6 left half of it in place). */
  private static final double MAX_GAIN = 2.3;
  /** A plain neutral backdrop darker than this L* (sRGB ~230) is an underexposed white one, down to MIN_WHITE_L. */
  static final double DIM_WHITE_L = 91;
  static final double MIN_WHITE_L = 40;
  /** Where exposure puts the white backdrop (sRGB ~243), and the most it may gain. */
  static final double WHITE_TARGET_L = 95.5;
  private static final double MAX_EXPOSURE = 6;
  /** A backdrop lit this unevenly (L* interquartile range) or this clipped says nothing reliable about exposure. */
  private static final double MAX_LIGHTNESS_IQR = 12;
  private static final double MAX_CLIPPED_BACKDROP = 0.3;
  /** Product whites this much lighter (L*) than the backdrop show that the backdrop is grey, not dim. */
  static final double WHITER_THAN_BACKDROP = 4;
  /** Luma standard deviation below which a photo without a plain backdrop looks flat. */
  static final double LOW_CONTRAST = 30;
  private static final double CLAHE_CLIP_LIMIT = 1.5;
  private static final Size CLAHE_TILES = new Size(8, 8);

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
   * @param gainsBgr     white-balance gain per channel (B, G, R), in linear light
   * @param exposureGain linear-light gain applied to every channel
   * @param claheAmount  0..1 blend of CLAHE-equalised lightness
   * @param reasons      what was corrected, for the notes
   * @param leftAlone    why something was not corrected (uncertain estimate, already neutral), for the notes
   */
  record Plan(double[] gainsBgr, double exposureGain, double claheAmount, List<String> reasons, List<String> leftAlone) {
    boolean changesAnything() {
      return !reasons.isEmpty();
    }
  }

  @Override
  public Frame apply(Frame input, StepContext context) {
    if (!context.options().runs(Stage.LIGHT_AND_COLOUR)) return input;
    Mat source = context.sourcePixels() != null && context.sourcePixels().size().equals(input.bgr().size())
        ? context.sourcePixels() : input.bgr();
    NeutralReference ref = NeutralReference.measure(source, input.matte());
    Plan plan = plan(ref, context.source());
    var notes = context.notes();
    notes.fact("backdrop_chroma", round3(ref.backdropChroma()));
    if (ref.productNeutrals() > 0) notes.fact("product_neutral_chroma", round3(ref.productChroma()));
    if (!plan.leftAlone().isEmpty()) notes.fact("light_and_colour_left", String.join(", ", plan.leftAlone()));
    if (!plan.changesAnything()) return input;

    Mat corrected = applyGains(input.bgr(), plan);
    if (plan.claheAmount() > 0) {
      Mat equalised = equaliseLightness(corrected, plan.claheAmount());
      corrected.release();
      corrected = equalised;
    }
    Mat result = input.hasMatte() ? onProductOnly(input.bgr(), corrected, input.matte()) : corrected;

    notes.fact("white_balance_gains_rgb", List.of(round3(plan.gainsBgr()[2]), round3(plan.gainsBgr()[1]),
        round3(plan.gainsBgr()[0])));
    notes.fact("exposure_gain", round3(plan.exposureGain()));
    notes.fact("clahe_amount", round3(plan.claheAmount()));
    notes.fact("light_and_colour", String.join(", ", plan.reasons()));
    return input.withBgr(result);
  }

  static Plan plan(NeutralReference ref, ImageMetrics m) {
    List<String> reasons = new ArrayList<>();
    List<String> left = new ArrayList<>();
    double[] gains = {1, 1, 1};
    double exposure = 1;
    double clahe = 0;
    boolean plain = ref.backdropPixels() >= MIN_BACKDROP_PIXELS && ref.chromaSpread() <= MAX_CHROMA_SPREAD;
    double chroma = ref.backdropChroma();
    if (!plain) {
      left.add(ref.backdropPixels() < MIN_BACKDROP_PIXELS ? "no measurable backdrop" : String.format(Locale.ROOT,
          "backdrop not plain (chroma spread %.1f): light and colour left as uploaded", ref.chromaSpread()));
      clahe = clamp((LOW_CONTRAST - m.contrast()) / (LOW_CONTRAST / 2), 0, 1);
      if (clahe > 0) reasons.add(String.format(Locale.ROOT, "low contrast %.0f", m.contrast()));
      return new Plan(gains, exposure, clahe, List.copyOf(reasons), List.copyOf(left));
    }
    if (chroma > CAST_PLAUSIBLE) {
      left.add(String.format(Locale.ROOT, "backdrop colour looks deliberate (chroma %.1f)", chroma));
      return new Plan(gains, exposure, 0, List.copyOf(reasons), List.copyOf(left));
    }
    if (chroma < NEUTRAL_CHROMA) {
      left.add("white balance already neutral");
    } else if (ref.productNeutrals() >= MIN_PRODUCT_NEUTRALS && ref.productNeutrals() > 2 * ref.productTinted()) {
      // A tinted backdrop behind a product whose whites are neutral is a coloured backdrop, not coloured light.
      left.add(String.format(Locale.ROOT, "backdrop chroma %.1f but the product's whites are neutral (%d vs %d tinted):"
          + " white balance left", chroma, ref.productNeutrals(), ref.productTinted()));
    } else {
      double[] lin = ref.backdropLinear();
      // White patch: a coloured light takes light away from some channels, so the backdrop's brightest is its white.
      double brightest = Math.max(lin[0], Math.max(lin[1], lin[2]));
      double strength = clamp((chroma - NEUTRAL_CHROMA) / NEUTRAL_CHROMA, 0, 1);
      for (int c = 0; c < 3; c++) {
        gains[c] = clamp(Math.pow(brightest / Math.max(1e-4, lin[c]), strength), 1 / MAX_GAIN, MAX_GAIN);
      }
      reasons.add(String.format(Locale.ROOT, "colour cast %.1f", chroma));
    }

    if (ref.backdropL() < DIM_WHITE_L && ref.backdropL() >= MIN_WHITE_L && ref.lightnessIqr() <= MAX_LIGHTNESS_IQR
        && ref.clippedShare() <= MAX_CLIPPED_BACKDROP) {
      if (ref.productNeutrals() >= MIN_PRODUCT_NEUTRALS && ref.productL90() > ref.backdropL() + WHITER_THAN_BACKDROP) {
        left.add(String.format(Locale.ROOT, "backdrop L* %.0f is grey (product whites L* %.0f): exposure left",
            ref.backdropL(), ref.productL90()));
        return new Plan(gains, exposure, clahe, List.copyOf(reasons), List.copyOf(left));
      }
      double[] lin = ref.backdropLinear();
      double current = gains[0] * lin[0] * 0.0722 + gains[1] * lin[1] * 0.7152 + gains[2] * lin[2] * 0.2126;
      exposure = clamp(lightnessToLuminance(WHITE_TARGET_L) / Math.max(1e-4, current), 1, MAX_EXPOSURE);
      reasons.add(String.format(Locale.ROOT, "underexposed (backdrop L* %.0f)", ref.backdropL()));
    }
    return new Plan(gains, exposure, clahe, List.copyOf(reasons), List.copyOf(left));
  }

  private static double lightnessToLuminance(double l) {
    double f = (l + 16) / 116;
    return f > 6.0 / 29 ? f * f * f : 3 * Math.pow(6.0 / 29, 2) * (f - 4.0 / 29);
  }

  /** Channel gains and exposure in linear light, as one lookup table per channel. */
  private static Mat applyGains(Mat bgr, Plan plan) {
    Mat lut = new Mat(1, 256, CvType.CV_8UC3);
    byte[] table = new byte[256 * 3];
    for (int v = 0; v < 256; v++) {
      for (int c = 0; c < 3; c++) {
        table[v * 3 + c] = (byte) SrgbCurve.toByte(SrgbCurve.toLinear(v) * plan.gainsBgr()[c] * plan.exposureGain());
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
