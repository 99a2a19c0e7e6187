package io.enhancer.engine.quality;

import org.opencv.core.Mat;

/**
 * Finds the product in a working-size image: from the matte when there is one, otherwise as the pixels that differ
 * from the border's colour. Noise is handled by working on a smoothed copy, by a threshold set above the border's own spread,
 * and by counting a row or column as product only when enough of its pixels are.
 */
final class ProductLocator {
  /** Below this border uniformity the background is a scene, not a backdrop: the product is the whole frame. */
  static final double CLUTTERED_BORDER = 0.5;
  private static final int MIN_DISTANCE = 24;
  private static final int SPREAD_MARGIN = 8;
  private static final double MIN_LINE_SHARE = 0.01;
  private static final int MIN_LINE_PIXELS = 3;

  /**
   * @param mask one byte per pixel, non-zero = product
   * @param box  bounding box in working-size pixels, or null when nothing stands out
   */
  record Region(byte[] mask, BoundingBox box) {}

  private ProductLocator() {}

  static Region fromMatte(Mat matte) {
    byte[] alpha = PixelArrays.bytes(matte);
    byte[] mask = new byte[alpha.length];
    for (int i = 0; i < alpha.length; i++) mask[i] = (byte) ((alpha[i] & 0xFF) >= 128 ? 1 : 0);
    return new Region(mask, box(mask, matte.cols(), matte.rows()));
  }

  /** @param smoothedBgr the working image after {@link BorderBand#smoothed}, as bytes */
  static Region fromBorder(byte[] smoothedBgr, int w, int h, BorderBand border) {
    if (border.uniformity() < CLUTTERED_BORDER) {
      byte[] all = new byte[w * h];
      java.util.Arrays.fill(all, (byte) 1);
      return new Region(all, new BoundingBox(0, 0, w, h));
    }
    byte[] px = smoothedBgr;
    long[] bandHist = new long[256];
    for (int i : border.indices()) bandHist[BorderBand.chebyshev(px, i, border.median())]++;
    int threshold = Math.max(MIN_DISTANCE, PixelArrays.percentile(bandHist, 0.95) + SPREAD_MARGIN);
    byte[] mask = new byte[w * h];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (byte) (BorderBand.chebyshev(px, i, border.median()) > threshold ? 1 : 0);
    }
    return new Region(mask, box(mask, w, h));
  }

  private static BoundingBox box(byte[] mask, int w, int h) {
    int[] rows = new int[h];
    int[] cols = new int[w];
    for (int y = 0; y < h; y++) {
      for (int x = 0, i = y * w; x < w; x++, i++) {
        if (mask[i] != 0) {
          rows[y]++;
          cols[x]++;
        }
      }
    }
    int rowMin = Math.max(MIN_LINE_PIXELS, (int) (MIN_LINE_SHARE * w));
    int colMin = Math.max(MIN_LINE_PIXELS, (int) (MIN_LINE_SHARE * h));
    int top = first(rows, rowMin);
    int left = first(cols, colMin);
    if (top < 0 || left < 0) return null;
    int bottom = last(rows, rowMin);
    int right = last(cols, colMin);
    return new BoundingBox(left, top, right - left + 1, bottom - top + 1);
  }

  private static int first(int[] counts, int min) {
    for (int i = 0; i < counts.length; i++) if (counts[i] >= min) return i;
    return -1;
  }

  private static int last(int[] counts, int min) {
    for (int i = counts.length - 1; i >= 0; i--) if (counts[i] >= min) return i;
    return -1;
  }
}
