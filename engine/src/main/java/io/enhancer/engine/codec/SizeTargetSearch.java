package io.enhancer.engine.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Finds the highest quality whose encoded output fits a byte budget with few encodes, by predicting sizes from a
 * {@link SizeCurve} fitted to the trial encodes so far. Tries the ceiling first (a fitting image is never degraded,
 * and costs one encode). Then each trial goes to the highest quality the model predicts to fit, strictly between the
 * best fitting and the lowest overshooting quality known: the first prediction uses the curve's typical slope, later
 * ones interpolate between trials. It stops when the two are adjacent, when the model predicts nothing above the
 * best fit to fit, or when the best fit is close enough to the predicted answer for the encodes spent. A trial that
 * overshoots is never returned: the search keeps stepping down, to the floor if need be, and returns the floor as a
 * best effort reported as not fitting. Measured (bench/size-target.sh, 12 photos on 1500 px canvases, JPEG 150 KiB):
 * 3 encodes and 220 ms where the bisection took 8 and 480 ms, at most one quality step lower.
 */
public final class SizeTargetSearch {
  /** Ceiling, first prediction, interpolated prediction, one correction. */
  static final int USUAL_ATTEMPTS = 4;
  /**
   * Past {@link #USUAL_ATTEMPTS} the search goes on only while the model says the best fit so far is more than two
   * steps below the answer: where the first trials land far off (flat WebP curves at low quality), a stop at four
   * would return a fit 10-20 steps too low. Reached in ~1 % of searches on JPEG photos.
   */
  static final int MAX_ATTEMPTS = 6;
  /** Predictions aim 1 % under the target: the curve is accurate to a few %, so most first guesses then fit. */
  private static final double AIM = 0.99;
  /** Fitted slopes outside this factor of the typical one come from noise between close trials, not the image. */
  private static final double SLOPE_RANGE = 2.0;

  /** The chosen encode. {@code attempts} counts every encode the search ran. */
  public record Result(byte[] bytes, int quality, boolean fitsTarget, int attempts) {}

  private SizeTargetSearch() {}

  /** For an encoder whose quality scale is unknown: assumes libjpeg's. */
  public static Result search(IntFunction<byte[]> encodeAtQuality, long targetBytes, int floor, int ceiling) {
    return search(encodeAtQuality, targetBytes, floor, ceiling, SizeCurve.generic());
  }

  public static Result search(IntFunction<byte[]> encodeAtQuality, long targetBytes, int floor, int ceiling,
      SizeCurve curve) {
    if (targetBytes < 1) throw new IllegalArgumentException("target must be positive, got " + targetBytes);
    if (floor < 1 || ceiling > 100 || floor > ceiling) {
      throw new IllegalArgumentException("quality range must lie in 1..100 with floor <= ceiling, got " + floor + ".." + ceiling);
    }
    if (curve == null) throw new IllegalArgumentException("size curve must be given");
    Trials trials = new Trials(encodeAtQuality, curve);
    byte[] atCeiling = trials.encode(ceiling);
    if (atCeiling.length <= targetBytes) return new Result(atCeiling, ceiling, true, trials.count());
    if (floor == ceiling) return new Result(atCeiling, ceiling, false, trials.count());

    double aim = AIM;
    while (true) {
      Integer fits = trials.highestFitting(targetBytes);
      int tooBig = trials.lowestTooBig(targetBytes);
      if (fits != null) {
        if (tooBig - fits <= 1 || trials.count() >= MAX_ATTEMPTS) return trials.result(fits, true);
        int bestPredicted = trials.highestPredictedToFit(fits + 1, tooBig - 1, targetBytes);
        if (bestPredicted < 0) return trials.result(fits, true);
        if (bestPredicted - fits <= stepsWorthStoppingShort(trials.count())) return trials.result(fits, true);
      } else if (trials.count() >= USUAL_ATTEMPTS) {
        aim *= AIM; // the model keeps overshooting on this image: step down harder until something fits
      }
      int lowest = fits == null ? floor : fits + 1;
      int next = trials.highestPredictedToFit(lowest, tooBig - 1, (long) Math.floor(targetBytes * aim));
      if (next < 0) next = lowest;
      byte[] out = trials.encode(next);
      if (out.length > targetBytes && next == floor) return trials.result(floor, false);
    }
  }

  /**
   * How far below the predicted answer a fit may stop, by encodes spent. One more encode costs ~70 ms on a 1500 px
   * canvas and one step ~2-4 % of the budget: from the third encode on, a one-step gain is not worth it (bench: 3.5 to
   * 3.0 encodes at 150 KiB for 0.1 steps on average), from the fourth, two steps are not.
   */
  private static int stepsWorthStoppingShort(int attempts) {
    if (attempts >= USUAL_ATTEMPTS) return 2;
    return attempts >= 3 ? 1 : 0;
  }

  /** The encodes so far, by quality, and the size model they imply. */
  private static final class Trials {
    private final IntFunction<byte[]> encoder;
    private final SizeCurve curve;
    private final TreeMap<Integer, byte[]> byQuality = new TreeMap<>();
    private int count;

    Trials(IntFunction<byte[]> encoder, SizeCurve curve) {
      this.encoder = encoder;
      this.curve = curve;
    }

    byte[] encode(int quality) {
      byte[] out = encoder.apply(quality);
      count++;
      byQuality.put(quality, out);
      return out;
    }

    int count() {
      return count;
    }

    Result result(int quality, boolean fits) {
      return new Result(byQuality.get(quality), quality, fits, count);
    }

    Integer highestFitting(long target) {
      Integer best = null;
      for (Map.Entry<Integer, byte[]> e : byQuality.entrySet()) if (e.getValue().length <= target) best = e.getKey();
      return best;
    }

    /** The caller only asks once the ceiling overshot, so there always is one. */
    int lowestTooBig(long target) {
      for (Map.Entry<Integer, byte[]> e : byQuality.entrySet()) if (e.getValue().length > target) return e.getKey();
      throw new IllegalStateException("no trial overshoots");
    }

    /** Highest quality in [from, to] whose predicted size is at most {@code budget}, or -1. */
    int highestPredictedToFit(int from, int to, long budget) {
      double limit = Math.log(budget);
      for (int q = to; q >= from; q--) if (predictedLnSize(q) <= limit) return q;
      return -1;
    }

    /**
     * Interpolates between the trials either side of {@code quality} in its regime; with trials on one side only,
     * extrapolates from the two nearest (slope kept near the typical one); with one, uses the typical slope; with
     * none in its regime, starts from the nearest trial and the typical jump between regimes.
     */
    double predictedLnSize(int quality) {
      boolean upper = curve.upperRegime(quality);
      List<Integer> same = new ArrayList<>();
      for (int q : byQuality.keySet()) if (curve.upperRegime(q) == upper) same.add(q);
      if (same.isEmpty()) {
        int nearest = nearest(quality);
        double jump = Math.log(curve.regimeJump()) * (upper ? 1 : -1);
        return lnSize(nearest) + jump + curve.typicalSlope() * (position(quality) - position(nearest));
      }
      Integer below = null;
      Integer above = null;
      for (int q : same) {
        if (q < quality) below = q;
        if (q > quality && above == null) above = q;
      }
      if (below != null && above != null) return along(below, above, quality, false);
      if (same.size() >= 2) {
        int n = same.size();
        return below != null ? along(same.get(n - 2), same.get(n - 1), quality, true)
            : along(same.get(0), same.get(1), quality, true);
      }
      int only = same.get(0);
      return lnSize(only) + curve.typicalSlope() * (position(quality) - position(only));
    }

    private double along(int a, int b, int quality, boolean extrapolating) {
      double slope = (lnSize(b) - lnSize(a)) / (position(b) - position(a));
      if (extrapolating) {
        slope = Math.min(Math.max(slope, curve.typicalSlope() / SLOPE_RANGE), curve.typicalSlope() * SLOPE_RANGE);
      }
      return lnSize(a) + slope * (position(quality) - position(a));
    }

    private int nearest(int quality) {
      Integer lower = byQuality.floorKey(quality);
      Integer higher = byQuality.ceilingKey(quality);
      if (lower == null) return higher;
      if (higher == null) return lower;
      return quality - lower <= higher - quality ? lower : higher;
    }

    private double lnSize(int quality) {
      return Math.log(byQuality.get(quality).length);
    }

    private double position(int quality) {
      return curve.position().applyAsDouble(quality);
    }
  }
}
