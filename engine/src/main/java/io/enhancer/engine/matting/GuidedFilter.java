package io.enhancer.engine.matting;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * He et al.'s guided filter with a colour guide, built from box filters (OpenCV's contrib ximgproc is not available).
 * Smooths the input while its edges snap to the guide's edges: a blocky upsampled mask becomes a soft matte that
 * follows the product's real outline. A colour guide, unlike a grey one, also sees edges between colours of equal
 * lightness (a grey product on green).
 */
public final class GuidedFilter {
  private final int radius;
  private final double eps;

  /**
   * @param radius window radius in pixels
   * @param eps    regularisation on the 0..1 intensity scale; smaller follows weaker guide edges
   */
  public GuidedFilter(int radius, double eps) {
    if (radius < 1) throw new IllegalArgumentException("radius must be >= 1, got " + radius);
    this.radius = radius;
    this.eps = eps;
  }

  /** Filters {@code input} (CV_32F, 0..1) guided by {@code guide} (CV_32FC3, 0..1, same size). */
  public Mat filter(Mat guide, Mat input) {
    List<Mat> g = new ArrayList<>();
    Core.split(guide, g);
    Mat r = g.get(0), gr = g.get(1), b = g.get(2);
    Mat mr = box(r), mg = box(gr), mb = box(b);
    Mat mp = box(input);

    Mat covR = sub(box(r.mul(input)), mr.mul(mp));
    Mat covG = sub(box(gr.mul(input)), mg.mul(mp));
    Mat covB = sub(box(b.mul(input)), mb.mul(mp));

    Mat vrr = plus(sub(box(r.mul(r)), mr.mul(mr)), eps);
    Mat vrg = sub(box(r.mul(gr)), mr.mul(mg));
    Mat vrb = sub(box(r.mul(b)), mr.mul(mb));
    Mat vgg = plus(sub(box(gr.mul(gr)), mg.mul(mg)), eps);
    Mat vgb = sub(box(gr.mul(b)), mg.mul(mb));
    Mat vbb = plus(sub(box(b.mul(b)), mb.mul(mb)), eps);

    // inverse of the symmetric 3x3 covariance by its adjugate
    Mat irr = sub(vgg.mul(vbb), vgb.mul(vgb));
    Mat irg = sub(vgb.mul(vrb), vrg.mul(vbb));
    Mat irb = sub(vrg.mul(vgb), vgg.mul(vrb));
    Mat igg = sub(vrr.mul(vbb), vrb.mul(vrb));
    Mat igb = sub(vrb.mul(vrg), vrr.mul(vgb));
    Mat ibb = sub(vrr.mul(vgg), vrg.mul(vrg));
    Mat det = add(add(irr.mul(vrr), irg.mul(vrg)), irb.mul(vrb));

    Mat ar = div(add(add(irr.mul(covR), irg.mul(covG)), irb.mul(covB)), det);
    Mat ag = div(add(add(irg.mul(covR), igg.mul(covG)), igb.mul(covB)), det);
    Mat ab = div(add(add(irb.mul(covR), igb.mul(covG)), ibb.mul(covB)), det);
    Mat beta = sub(sub(sub(mp, ar.mul(mr)), ag.mul(mg)), ab.mul(mb));

    return add(add(add(box(ar).mul(r), box(ag).mul(gr)), box(ab).mul(b)), box(beta));
  }

  private Mat box(Mat m) {
    Mat out = new Mat();
    Imgproc.boxFilter(m, out, CvType.CV_32F, new Size(2 * radius + 1, 2 * radius + 1));
    return out;
  }

  private static Mat add(Mat a, Mat b) {
    Mat out = new Mat();
    Core.add(a, b, out);
    return out;
  }

  private static Mat sub(Mat a, Mat b) {
    Mat out = new Mat();
    Core.subtract(a, b, out);
    return out;
  }

  private static Mat div(Mat a, Mat b) {
    Mat out = new Mat();
    Core.divide(a, b, out);
    return out;
  }

  private static Mat plus(Mat a, double value) {
    Mat out = new Mat();
    Core.add(a, new org.opencv.core.Scalar(value), out);
    return out;
  }
}
