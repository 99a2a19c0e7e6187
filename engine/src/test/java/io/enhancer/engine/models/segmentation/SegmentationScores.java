package io.enhancer.engine.models.segmentation;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Standard segmentation measures against a true mask: IoU and boundary F-measure, both at threshold 128. */
final class SegmentationScores {
  private SegmentationScores() {}

  static double iou(Mat matte, Mat truth) {
    return MatteConfidence.iou(matte, truth);
  }

  /**
   * Boundary F-measure (Martin et al.; tolerance as in DAVIS, 0.75 % of the image diagonal): precision is the
   * share of predicted outline pixels near a true outline, recall the share of true outline pixels near a
   * predicted one.
   */
  static double boundaryF(Mat matte, Mat truth) {
    int tolerance = Math.max(1, (int) Math.round(0.0075 * Math.hypot(matte.cols(), matte.rows())));
    Mat predicted = outline(matte);
    Mat actual = outline(truth);
    int predictedCount = Core.countNonZero(predicted);
    int actualCount = Core.countNonZero(actual);
    if (predictedCount == 0 && actualCount == 0) return 1;
    if (predictedCount == 0 || actualCount == 0) return 0;
    Mat disk = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * tolerance + 1, 2 * tolerance + 1));
    Mat nearActual = new Mat();
    Mat nearPredicted = new Mat();
    Imgproc.dilate(actual, nearActual, disk);
    Imgproc.dilate(predicted, nearPredicted, disk);
    Mat hit = new Mat();
    Core.bitwise_and(predicted, nearActual, hit);
    double precision = Core.countNonZero(hit) / (double) predictedCount;
    Core.bitwise_and(actual, nearPredicted, hit);
    double recall = Core.countNonZero(hit) / (double) actualCount;
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  private static Mat outline(Mat matte) {
    Mat binary = new Mat();
    Imgproc.threshold(matte, binary, 127, 255, Imgproc.THRESH_BINARY);
    Mat eroded = new Mat();
    Imgproc.erode(binary, eroded, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
    Mat outline = new Mat();
    Core.subtract(binary, eroded, outline);
    return outline;
  }
}
