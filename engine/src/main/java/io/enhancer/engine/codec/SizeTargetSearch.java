package io.enhancer.engine.codec;

import java.util.function.IntFunction;

/**
 * Finds the highest quality whose encoded output fits a byte budget, by binary search over quality in
 * [floor, ceiling]. Tries the ceiling first (a fitting image is never degraded), then the floor (if even that does
 * not fit, it is returned as the best effort and reported as not fitting). Assumes size grows with quality; where an
 * encoder breaks that locally the result still fits, it may just be a step below the true optimum.
 */
public final class SizeTargetSearch {

  /** The chosen encode. {@code attempts} counts every encode the search ran. */
  public record Result(byte[] bytes, int quality, boolean fitsTarget, int attempts) {}

  private SizeTargetSearch() {}

  public static Result search(IntFunction<byte[]> encodeAtQuality, long targetBytes, int floor, int ceiling) {
    if (targetBytes < 1) throw new IllegalArgumentException("target must be positive, got " + targetBytes);
    if (floor < 1 || ceiling > 100 || floor > ceiling) {
      throw new IllegalArgumentException("quality range must lie in 1..100 with floor <= ceiling, got " + floor + ".." + ceiling);
    }
    int attempts = 1;
    byte[] atCeiling = encodeAtQuality.apply(ceiling);
    if (atCeiling.length <= targetBytes) return new Result(atCeiling, ceiling, true, attempts);
    if (floor == ceiling) return new Result(atCeiling, ceiling, false, attempts);

    attempts++;
    byte[] best = encodeAtQuality.apply(floor);
    if (best.length > targetBytes) return new Result(best, floor, false, attempts);

    int fits = floor;        // highest quality known to fit
    int tooBig = ceiling;    // lowest quality known not to fit
    while (tooBig - fits > 1) {
      int mid = (fits + tooBig) >>> 1;
      attempts++;
      byte[] candidate = encodeAtQuality.apply(mid);
      if (candidate.length <= targetBytes) {
        fits = mid;
        best = candidate;
      } else {
        tooBig = mid;
      }
    }
    return new Result(best, fits, true, attempts);
  }
}
