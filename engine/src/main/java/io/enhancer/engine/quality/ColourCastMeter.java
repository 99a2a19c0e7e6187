package io.enhancer.engine.quality;

import io.enhancer.engine.options.RgbColor;

/**
 * Colour cast: how far from neutral grey the areas that should be grey are, in CIELAB chroma. The border is used
 * when it is mostly near-neutral (a product photo's backdrop); otherwise every near-neutral pixel of the frame.
 * The mean is refined twice around its own cluster, so a few coloured pixels inside the tolerance do not drag it.
 */
final class ColourCastMeter {
  /** Chroma (a*, b* distance from 0) below which a pixel may be a grey that is tinted by a cast. */
  static final double NEAR_NEUTRAL_CHROMA = 30;
  private static final double CLUSTER_RADIUS = 12;
  private static final int MIN_LIGHTNESS8 = 25;
  private static final double BORDER_NEUTRAL_SHARE = 0.5;
  private static final double MIN_FRAME_SHARE = 0.01;

  /**
   * @param cast      chroma of the mean of the reference pixels
   * @param reference their mean colour, or null when the image has no near-neutral area
   */
  record Cast(double cast, RgbColor reference) {}

  private ColourCastMeter() {}

  static Cast measure(byte[] bgr, byte[] lab, BorderBand border, int pixels) {
    int[] borderNeutral = nearNeutral(bgr, lab, border.indices(), false);
    if (borderNeutral.length >= BORDER_NEUTRAL_SHARE * border.indices().length) {
      return refine(bgr, lab, borderNeutral);
    }
    int[] all = new int[pixels];
    for (int i = 0; i < pixels; i++) all[i] = i;
    // Pure white carries no cast information (clipped), so it is left out when the whole frame is searched.
    int[] frameNeutral = nearNeutral(bgr, lab, all, true);
    if (frameNeutral.length < MIN_FRAME_SHARE * pixels) return new Cast(0, null);
    return refine(bgr, lab, frameNeutral);
  }

  private static int[] nearNeutral(byte[] bgr, byte[] lab, int[] candidates, boolean skipClipped) {
    int[] out = new int[candidates.length];
    int n = 0;
    for (int i : candidates) {
      if ((lab[i * 3] & 0xFF) < MIN_LIGHTNESS8) continue;
      if (skipClipped && (bgr[i * 3] & 0xFF) >= 254 && (bgr[i * 3 + 1] & 0xFF) >= 254 && (bgr[i * 3 + 2] & 0xFF) >= 254) {
        continue;
      }
      double a = (lab[i * 3 + 1] & 0xFF) - 128;
      double b = (lab[i * 3 + 2] & 0xFF) - 128;
      if (a * a + b * b < NEAR_NEUTRAL_CHROMA * NEAR_NEUTRAL_CHROMA) out[n++] = i;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static Cast refine(byte[] bgr, byte[] lab, int[] pixels) {
    double[] centre = meanAb(lab, pixels, null, 0);
    for (int round = 0; round < 2; round++) {
      double[] next = meanAb(lab, pixels, centre, CLUSTER_RADIUS);
      if (next == null) break;
      centre = next;
    }
    double sb = 0, sg = 0, sr = 0;
    int n = 0;
    for (int i : pixels) {
      if (!within(lab, i, centre, CLUSTER_RADIUS)) continue;
      sb += bgr[i * 3] & 0xFF;
      sg += bgr[i * 3 + 1] & 0xFF;
      sr += bgr[i * 3 + 2] & 0xFF;
      n++;
    }
    if (n == 0) return new Cast(Math.hypot(centre[0], centre[1]), null);
    RgbColor reference = new RgbColor((int) Math.round(sr / n), (int) Math.round(sg / n), (int) Math.round(sb / n));
    return new Cast(Math.hypot(centre[0], centre[1]), reference);
  }

  /** Mean (a*, b*) of the pixels, only those within {@code radius} of {@code around} when it is given. */
  private static double[] meanAb(byte[] lab, int[] pixels, double[] around, double radius) {
    double sa = 0, sb = 0;
    int n = 0;
    for (int i : pixels) {
      if (around != null && !within(lab, i, around, radius)) continue;
      sa += (lab[i * 3 + 1] & 0xFF) - 128;
      sb += (lab[i * 3 + 2] & 0xFF) - 128;
      n++;
    }
    return n == 0 ? null : new double[] {sa / n, sb / n};
  }

  private static boolean within(byte[] lab, int i, double[] centre, double radius) {
    double da = (lab[i * 3 + 1] & 0xFF) - 128 - centre[0];
    double db = (lab[i * 3 + 2] & 0xFF) - 128 - centre[1];
    return da * da + db * db <= radius * radius;
  }
}
