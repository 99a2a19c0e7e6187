package io.enhancer.engine.quality;

import io.enhancer.engine.models.OpenCvRuntime;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Colour difference CIEDE2000 (Sharma, Wu, Dalal 2005), the one that matches perceived differences best. */
public final class DeltaE {
  private DeltaE() {}

  /**
   * Mean CIEDE2000 between two same-size 8-bit BGR images over the pixels where {@code mask} is non-zero (all
   * pixels when {@code mask} is null). Returns 0 when the mask selects nothing.
   */
  public static double meanCiede2000(Mat bgrA, Mat bgrB, Mat mask) {
    OpenCvRuntime.ensureLoaded();
    if (bgrA.size().width != bgrB.size().width || bgrA.size().height != bgrB.size().height) {
      throw new IllegalArgumentException("images differ in size: " + bgrA.size() + " vs " + bgrB.size());
    }
    float[] labA = lab(bgrA);
    float[] labB = lab(bgrB);
    byte[] selected = mask == null ? null : PixelArrays.bytes(mask);
    double sum = 0;
    long n = 0;
    for (int i = 0; i < labA.length / 3; i++) {
      if (selected != null && selected[i] == 0) continue;
      sum += ciede2000(labA[i * 3], labA[i * 3 + 1], labA[i * 3 + 2], labB[i * 3], labB[i * 3 + 1], labB[i * 3 + 2]);
      n++;
    }
    return n == 0 ? 0 : sum / n;
  }

  /** CIEDE2000 with kL = kC = kH = 1 between two CIELAB colours. */
  public static double ciede2000(double l1, double a1, double b1, double l2, double a2, double b2) {
    double c1 = Math.hypot(a1, b1);
    double c2 = Math.hypot(a2, b2);
    double cMean7 = Math.pow((c1 + c2) / 2, 7);
    double g = 0.5 * (1 - Math.sqrt(cMean7 / (cMean7 + Math.pow(25, 7))));
    double a1p = (1 + g) * a1;
    double a2p = (1 + g) * a2;
    double c1p = Math.hypot(a1p, b1);
    double c2p = Math.hypot(a2p, b2);
    double h1p = hueDegrees(a1p, b1);
    double h2p = hueDegrees(a2p, b2);

    double dLp = l2 - l1;
    double dCp = c2p - c1p;
    double dhp;
    if (c1p * c2p == 0) {
      dhp = 0;
    } else if (Math.abs(h2p - h1p) <= 180) {
      dhp = h2p - h1p;
    } else if (h2p - h1p > 180) {
      dhp = h2p - h1p - 360;
    } else {
      dhp = h2p - h1p + 360;
    }
    double dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dhp / 2));

    double lMean = (l1 + l2) / 2;
    double cMeanP = (c1p + c2p) / 2;
    double hMeanP;
    if (c1p * c2p == 0) {
      hMeanP = h1p + h2p;
    } else if (Math.abs(h1p - h2p) <= 180) {
      hMeanP = (h1p + h2p) / 2;
    } else if (h1p + h2p < 360) {
      hMeanP = (h1p + h2p + 360) / 2;
    } else {
      hMeanP = (h1p + h2p - 360) / 2;
    }
    double t = 1 - 0.17 * Math.cos(Math.toRadians(hMeanP - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hMeanP))
        + 0.32 * Math.cos(Math.toRadians(3 * hMeanP + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hMeanP - 63));
    double dTheta = 30 * Math.exp(-Math.pow((hMeanP - 275) / 25, 2));
    double cMeanP7 = Math.pow(cMeanP, 7);
    double rc = 2 * Math.sqrt(cMeanP7 / (cMeanP7 + Math.pow(25, 7)));
    double lm50 = (lMean - 50) * (lMean - 50);
    double sl = 1 + 0.015 * lm50 / Math.sqrt(20 + lm50);
    double sc = 1 + 0.045 * cMeanP;
    double sh = 1 + 0.015 * cMeanP * t;
    double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
    double tl = dLp / sl;
    double tc = dCp / sc;
    double th = dHp / sh;
    return Math.sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
  }

  private static double hueDegrees(double a, double b) {
    if (a == 0 && b == 0) return 0;
    double h = Math.toDegrees(Math.atan2(b, a));
    return h < 0 ? h + 360 : h;
  }

  /** CIELAB (L 0..100, a, b) of every pixel, from float sRGB so there is no 8-bit rounding of Lab. */
  private static float[] lab(Mat bgr) {
    Mat unit = new Mat();
    bgr.convertTo(unit, CvType.CV_32FC3, 1 / 255.0);
    Mat lab = new Mat();
    Imgproc.cvtColor(unit, lab, Imgproc.COLOR_BGR2Lab);
    float[] out = new float[(int) (lab.total() * 3)];
    lab.get(0, 0, out);
    unit.release();
    lab.release();
    return out;
  }
}
