package io.enhancer.engine.quality;

import org.opencv.core.Mat;

/** Copies 8-bit and 16-bit Mats into Java arrays for the per-pixel statistics OpenCV has no call for. */
final class PixelArrays {
  private PixelArrays() {}

  static byte[] bytes(Mat m) {
    Mat c = m.isContinuous() ? m : m.clone();
    byte[] out = new byte[(int) (c.total() * c.channels())];
    c.get(0, 0, out);
    return out;
  }

  static short[] shorts(Mat m) {
    Mat c = m.isContinuous() ? m : m.clone();
    short[] out = new short[(int) (c.total() * c.channels())];
    c.get(0, 0, out);
    return out;
  }

  /** Smallest value v such that at least {@code share} of the histogram's mass is <= v. */
  static int percentile(long[] histogram, double share) {
    long total = 0;
    for (long n : histogram) total += n;
    if (total == 0) return 0;
    long wanted = (long) Math.ceil(share * total);
    long seen = 0;
    for (int v = 0; v < histogram.length; v++) {
      seen += histogram[v];
      if (seen >= wanted) return v;
    }
    return histogram.length - 1;
  }
}
