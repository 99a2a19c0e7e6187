package io.enhancer.engine.matting;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Intersection over union of two mattes, each read as product where alpha >= 128: the one IoU of the engine. */
public final class MaskOverlap {
  private MaskOverlap() {}

  /** Both CV_8UC1 and of the same size; 1 when both are empty. */
  public static double iou(Mat a, Mat b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
      throw new IllegalArgumentException("mattes differ in size: " + a.size() + " vs " + b.size());
    }
    if (a.type() != CvType.CV_8UC1 || b.type() != CvType.CV_8UC1) throw new IllegalArgumentException("mattes must be CV_8UC1");
    Mat ba = new Mat(), bb = new Mat(), inter = new Mat(), union = new Mat();
    Imgproc.threshold(a, ba, 127, 255, Imgproc.THRESH_BINARY);
    Imgproc.threshold(b, bb, 127, 255, Imgproc.THRESH_BINARY);
    Core.bitwise_and(ba, bb, inter);
    Core.bitwise_or(ba, bb, union);
    int u = Core.countNonZero(union);
    double iou = u == 0 ? 1.0 : Core.countNonZero(inter) / (double) u;
    for (Mat m : new Mat[] {ba, bb, inter, union}) m.release();
    return iou;
  }
}
