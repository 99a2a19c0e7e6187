package io.enhancer.engine.quality;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The band of pixels along the four edges of an image (3 % of the shorter side, at least 2 px), where a product
 * photo shows its background: its median colour, how much of it is one flat colour, and how much is white.
 *
 * @param indices    pixel indices (y * width + x) of the band
 * @param median     median colour, B, G, R
 * @param uniformity share of band pixels within {@link #FLAT_TOLERANCE} of the median in every channel
 * @param whiteness  share of band pixels >= {@link #WHITE_LEVEL} in every channel
 */
record BorderBand(int[] indices, int[] median, double uniformity, double whiteness) {
  /**
   * The copy the band is measured on: a 5x5 Gaussian blur, so noise (reported on its own) does not make a flat
   * backdrop look uneven or a white one grey, while real gradients, shadows and clutter remain.
   */
  static byte[] smoothed(Mat bgr) {
    Mat blurred = new Mat();
    Imgproc.GaussianBlur(bgr, blurred, new Size(5, 5), 0);
    byte[] px = PixelArrays.bytes(blurred);
    blurred.release();
    return px;
  }

  static final double BAND_SHARE = 0.03;
  static final int FLAT_TOLERANCE = 12;
  static final int WHITE_LEVEL = 250;

  /** @param bgr pixels of the {@link #smoothed} working image */
  static BorderBand of(byte[] bgr, int width, int height) {
    int band = Math.max(2, (int) Math.round(BAND_SHARE * Math.min(width, height)));
    band = Math.min(band, Math.min(width, height) / 2);
    int[] indices = indices(width, height, band);
    long[][] hist = new long[3][256];
    int white = 0;
    for (int i : indices) {
      int b = bgr[i * 3] & 0xFF;
      int g = bgr[i * 3 + 1] & 0xFF;
      int r = bgr[i * 3 + 2] & 0xFF;
      hist[0][b]++;
      hist[1][g]++;
      hist[2][r]++;
      if (b >= WHITE_LEVEL && g >= WHITE_LEVEL && r >= WHITE_LEVEL) white++;
    }
    int[] median = {PixelArrays.percentile(hist[0], 0.5), PixelArrays.percentile(hist[1], 0.5),
        PixelArrays.percentile(hist[2], 0.5)};
    int flat = 0;
    for (int i : indices) {
      if (chebyshev(bgr, i, median) <= FLAT_TOLERANCE) flat++;
    }
    double n = Math.max(1, indices.length);
    return new BorderBand(indices, median, flat / n, white / n);
  }

  /** Largest per-channel difference between pixel {@code i} and {@code colour} (B, G, R). */
  static int chebyshev(byte[] bgr, int i, int[] colour) {
    int db = Math.abs((bgr[i * 3] & 0xFF) - colour[0]);
    int dg = Math.abs((bgr[i * 3 + 1] & 0xFF) - colour[1]);
    int dr = Math.abs((bgr[i * 3 + 2] & 0xFF) - colour[2]);
    return Math.max(db, Math.max(dg, dr));
  }

  private static int[] indices(int width, int height, int band) {
    int count = 2 * band * width + 2 * band * (height - 2 * band);
    int[] out = new int[count];
    int k = 0;
    for (int y = 0; y < height; y++) {
      boolean fullRow = y < band || y >= height - band;
      for (int x = 0; x < width; x++) {
        if (fullRow || x < band || x >= width - band) out[k++] = y * width + x;
      }
    }
    return out;
  }
}
