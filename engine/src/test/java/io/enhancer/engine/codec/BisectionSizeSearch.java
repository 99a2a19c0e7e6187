package io.enhancer.engine.codec;

import java.util.function.IntFunction;

/**
 * The size-target search before the model-based one (commit 8ffbf16): ceiling, floor, then bisection over quality.
 * Kept as the reference the bench compares {@link SizeTargetSearch} against; exact on monotone curves, ~8 encodes.
 */
final class BisectionSizeSearch {
  private BisectionSizeSearch() {}

  static SizeTargetSearch.Result search(IntFunction<byte[]> encodeAtQuality, long targetBytes, int floor, int ceiling) {
    int attempts = 1;
    byte[] atCeiling = encodeAtQuality.apply(ceiling);
    if (atCeiling.length <= targetBytes) return new SizeTargetSearch.Result(atCeiling, ceiling, true, attempts);
    if (floor == ceiling) return new SizeTargetSearch.Result(atCeiling, ceiling, false, attempts);

    attempts++;
    byte[] best = encodeAtQuality.apply(floor);
    if (best.length > targetBytes) return new SizeTargetSearch.Result(best, floor, false, attempts);

    int fits = floor;
    int tooBig = ceiling;
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
    return new SizeTargetSearch.Result(best, fits, true, attempts);
  }
}
