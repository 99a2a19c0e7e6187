package io.enhancer.engine.matting;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * He et al.'s guided filter with a grey guide, built from box filters (OpenCV's contrib ximgproc is not available).
 * Smooths the input while its edges snap to the guide's edges: a blocky upsampled mask becomes a soft matte that
 * follows the product's real outline.
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

  /** Filters {@code input} (CV_32F) guided by {@code guide} (CV_32F, same size), both on a 0..1 scale. */
  public Mat filter(Mat guide, Mat input) {
    Mat meanI = box(guide);
    Mat meanP = box(input);
    Mat corrIp = box(guide.mul(input));
    Mat corrII = box(guide.mul(guide));

    Mat covIp = new Mat();
    Core.subtract(corrIp, meanI.mul(meanP), covIp);
    Mat varI = new Mat();
    Core.subtract(corrII, meanI.mul(meanI), varI);
    Core.add(varI, new org.opencv.core.Scalar(eps), varI);

    Mat a = new Mat();
    Core.divide(covIp, varI, a);
    Mat b = new Mat();
    Core.subtract(meanP, a.mul(meanI), b);

    Mat out = new Mat();
    Core.add(box(a).mul(guide), box(b), out);
    return out;
  }

  private Mat box(Mat m) {
    Mat out = new Mat();
    Imgproc.boxFilter(m, out, CvType.CV_32F, new Size(2 * radius + 1, 2 * radius + 1));
    return out;
  }
}
