package io.enhancer.engine.matting;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Segmentation quality of a matte against a true mask: region overlap (IoU), outline accuracy (boundary F-measure,
 * DAVIS-style with a tolerance of 0.75 % of the diagonal) and, after compositing, background purity.
 */
public record SegmentationScore(double iou, double boundaryF, double purity) {

  /** Both inputs CV_8UC1; product where >= 128. */
  public static double iou(Mat matte, Mat truth) {
    return MaskOverlap.iou(matte, truth);
  }

  public static double boundaryF(Mat matte, Mat truth) {
    double tolerance = Math.max(2, Math.round(0.0075 * Math.hypot(truth.cols(), truth.rows())));
    Mat pb = outline(hard(matte)), tb = outline(hard(truth));
    int pCount = Core.countNonZero(pb), tCount = Core.countNonZero(tb);
    if (pCount == 0 && tCount == 0) return 1;
    if (pCount == 0 || tCount == 0) return 0;
    double precision = withinTolerance(pb, tb, tolerance) / (double) pCount;
    double recall = withinTolerance(tb, pb, tolerance) / (double) tCount;
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  /**
   * Share of true-background pixels (farther than {@code margin} px from the product, so antialiased edges do not
   * count) that are white (>= 250 in every channel) in the composite.
   */
  public static double purity(Mat compositeBgr, Mat truth, int margin) {
    Mat background = new Mat();
    Core.compare(truth, new Scalar(128), background, Core.CMP_LT);
    Imgproc.erode(background, background,
        Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2 * margin + 1, 2 * margin + 1)));
    Mat white = new Mat();
    Core.inRange(compositeBgr, new Scalar(250, 250, 250), new Scalar(255, 255, 255), white);
    Mat pure = new Mat();
    Core.bitwise_and(white, background, pure);
    int bg = Core.countNonZero(background);
    return bg == 0 ? 1 : Core.countNonZero(pure) / (double) bg;
  }

  static Mat hard(Mat m) {
    Mat out = new Mat();
    Imgproc.threshold(m, out, 127, 255, Imgproc.THRESH_BINARY);
    return out;
  }

  private static Mat outline(Mat hard) {
    Mat eroded = new Mat();
    Imgproc.erode(hard, eroded, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
    Mat outline = new Mat();
    Core.subtract(hard, eroded, outline);
    return outline;
  }

  /** Pixels of {@code from} lying within {@code tolerance} of some pixel of {@code to}. */
  private static int withinTolerance(Mat from, Mat to, double tolerance) {
    Mat inverted = new Mat();
    Core.bitwise_not(to, inverted);
    Mat distance = new Mat();
    Imgproc.distanceTransform(inverted, distance, Imgproc.DIST_L2, 3);
    Mat near = new Mat();
    Core.compare(distance, new Scalar(tolerance), near, Core.CMP_LE);
    Core.bitwise_and(near, from, near);
    return Core.countNonZero(near);
  }

  /** Mean of scores. */
  public static SegmentationScore mean(java.util.List<SegmentationScore> scores) {
    return new SegmentationScore(
        scores.stream().mapToDouble(SegmentationScore::iou).average().orElse(0),
        scores.stream().mapToDouble(SegmentationScore::boundaryF).average().orElse(0),
        scores.stream().mapToDouble(SegmentationScore::purity).average().orElse(0));
  }

}
