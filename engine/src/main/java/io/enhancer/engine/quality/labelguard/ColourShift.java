package io.enhancer.engine.quality.labelguard;

import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Product-only colour difference between two aligned images. Both are first reduced to at most
 * {@value #WORKING_SIDE} px on the longer side (area average), so sharpening and denoising, which change edges
 * and grain but not colour, do not count as colour shift.
 */
public final class ColourShift {
  static final int WORKING_SIDE = 256;
  /** Matte level that counts as product after the downscale; high so soft edges (half background) are left out. */
  private static final int PRODUCT_LEVEL = 250;

  private ColourShift() {}

  /**
   * @param before      source pixels (CV_8UC3 BGR)
   * @param after       result pixels on the same grid as {@code before}
   * @param productMask CV_8UC1, 255 = product, on the same grid; null to compare every pixel
   * @return null when the mask leaves no pixel to compare
   */
  public static ColourShiftResult measure(Mat before, Mat after, Mat productMask) {
    if (!before.size().equals(after.size())) {
      throw new IllegalArgumentException("colour shift needs aligned images, got " + before.size() + " and " + after.size());
    }
    double k = Math.min(1.0, WORKING_SIDE / (double) Math.max(before.cols(), before.rows()));
    Size working = new Size(Math.max(1, Math.round(before.cols() * k)), Math.max(1, Math.round(before.rows() * k)));
    float[] labBefore = lab(shrink(before, working));
    float[] labAfter = lab(shrink(after, working));
    byte[] mask = null;
    if (productMask != null) {
      Mat small = shrink(productMask, working);
      mask = new byte[(int) small.total()];
      small.get(0, 0, mask);
    }
    int n = labBefore.length / 3;
    double[] deltas = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (mask != null && (mask[i] & 0xff) < PRODUCT_LEVEL) continue;
      deltas[count++] = ciede2000(labBefore[3 * i], labBefore[3 * i + 1], labBefore[3 * i + 2],
          labAfter[3 * i], labAfter[3 * i + 1], labAfter[3 * i + 2]);
    }
    if (count == 0) return null;
    double[] used = Arrays.copyOf(deltas, count);
    double mean = Arrays.stream(used).average().orElse(0);
    Arrays.sort(used);
    double p95 = used[Math.min(count - 1, (int) Math.floor(0.95 * (count - 1)))];
    return new ColourShiftResult(mean, p95, count, mask == null ? "whole_frame" : "matte");
  }

  private static Mat shrink(Mat image, Size working) {
    if (image.size().equals(working)) return image;
    Mat out = new Mat();
    Imgproc.resize(image, out, working, 0, 0, Imgproc.INTER_AREA);
    return out;
  }

  /** CIELAB with L in 0..100 and a, b in their natural range (OpenCV does this for float input scaled to 0..1). */
  private static float[] lab(Mat bgr) {
    Mat scaled = new Mat();
    bgr.convertTo(scaled, CvType.CV_32FC3, 1 / 255.0);
    Mat lab = new Mat();
    Imgproc.cvtColor(scaled, lab, Imgproc.COLOR_BGR2Lab);
    float[] values = new float[(int) lab.total() * 3];
    (lab.isContinuous() ? lab : lab.clone()).get(0, 0, values);
    return values;
  }

  /** CIEDE2000 colour difference (Sharma, Wu and Dalal 2005 formulation), kL = kC = kH = 1. */
  static double ciede2000(double l1, double a1, double b1, double l2, double a2, double b2) {
    double c1 = Math.hypot(a1, b1), c2 = Math.hypot(a2, b2);
    double cMean = (c1 + c2) / 2;
    double cMean7 = Math.pow(cMean, 7);
    double g = 0.5 * (1 - Math.sqrt(cMean7 / (cMean7 + Math.pow(25, 7))));
    double a1p = (1 + g) * a1, a2p = (1 + g) * a2;
    double c1p = Math.hypot(a1p, b1), c2p = Math.hypot(a2p, b2);
    double h1p = hueDegrees(b1, a1p), h2p = hueDegrees(b2, a2p);

    double dLp = l2 - l1;
    double dCp = c2p - c1p;
    double dhp;
    if (c1p * c2p == 0) dhp = 0;
    else if (Math.abs(h2p - h1p) <= 180) dhp = h2p - h1p;
    else if (h2p - h1p > 180) dhp = h2p - h1p - 360;
    else dhp = h2p - h1p + 360;
    double dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dhp / 2));

    double lMeanP = (l1 + l2) / 2;
    double cMeanP = (c1p + c2p) / 2;
    double hMeanP;
    if (c1p * c2p == 0) hMeanP = h1p + h2p;
    else if (Math.abs(h1p - h2p) <= 180) hMeanP = (h1p + h2p) / 2;
    else if (h1p + h2p < 360) hMeanP = (h1p + h2p + 360) / 2;
    else hMeanP = (h1p + h2p - 360) / 2;

    double t = 1 - 0.17 * Math.cos(Math.toRadians(hMeanP - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hMeanP))
        + 0.32 * Math.cos(Math.toRadians(3 * hMeanP + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hMeanP - 63));
    double dTheta = 30 * Math.exp(-Math.pow((hMeanP - 275) / 25, 2));
    double cMeanP7 = Math.pow(cMeanP, 7);
    double rc = 2 * Math.sqrt(cMeanP7 / (cMeanP7 + Math.pow(25, 7)));
    double lShift = Math.pow(lMeanP - 50, 2);
    double sl = 1 + 0.015 * lShift / Math.sqrt(20 + lShift);
    double sc = 1 + 0.045 * cMeanP;
    double sh = 1 + 0.015 * cMeanP * t;
    double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
    double dl = dLp / sl, dc = dCp / sc, dh = dHp / sh;
    return Math.sqrt(dl * dl + dc * dc + dh * dh + rt * dc * dh);
  }

  private static double hueDegrees(double b, double a) {
    if (a == 0 && b == 0) return 0;
    double h = Math.toDegrees(Math.atan2(b, a));
    return h < 0 ? h + 360 : h;
  }
}
