package io.enhancer.engine.quality;

/**
 * JPEG blockiness of a grey image whose origin lies on the 8x8 grid: the mean absolute step between neighbouring
 * pixels across block boundaries divided by the mean step elsewhere, averaged over both directions. Natural edges
 * fall on and off the grid alike, so ~1 means no visible blocks; heavy compression gives 1.3 and more.
 */
final class BlockinessMeter {
  private static final int BLOCK = 8;
  /** Added to both means so flat images (no steps anywhere) read as 1, not 0/0. */
  private static final double FLAT_EPSILON = 0.5;

  private BlockinessMeter() {}

  static double ratio(byte[] gray, int width, int height) {
    if (width < 2 * BLOCK || height < 2 * BLOCK) return 1;
    long[] stepByColumnPhase = new long[BLOCK];
    long[] stepByRowPhase = new long[BLOCK];
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width - 1; x++) {
        stepByColumnPhase[x & 7] += Math.abs((gray[row + x + 1] & 0xFF) - (gray[row + x] & 0xFF));
      }
    }
    for (int y = 0; y < height - 1; y++) {
      int row = y * width;
      long sum = 0;
      for (int x = 0; x < width; x++) {
        sum += Math.abs((gray[row + width + x] & 0xFF) - (gray[row + x] & 0xFF));
      }
      stepByRowPhase[y & 7] += sum;
    }
    return (phaseRatio(stepByColumnPhase, width - 1, height) + phaseRatio(stepByRowPhase, height - 1, width)) / 2;
  }

  /** Steps at phase 7 (between pixel 7 and 8 of a block) against the mean of the other phases. */
  private static double phaseRatio(long[] stepByPhase, int steps, int lines) {
    double[] count = new double[BLOCK];
    for (int i = 0; i < steps; i++) count[i & 7] += lines;
    double onGrid = stepByPhase[BLOCK - 1] / Math.max(1, count[BLOCK - 1]);
    double offSum = 0;
    double offCount = 0;
    for (int p = 0; p < BLOCK - 1; p++) {
      offSum += stepByPhase[p];
      offCount += count[p];
    }
    double offGrid = offSum / Math.max(1, offCount);
    return (onGrid + FLAT_EPSILON) / (offGrid + FLAT_EPSILON);
  }
}
