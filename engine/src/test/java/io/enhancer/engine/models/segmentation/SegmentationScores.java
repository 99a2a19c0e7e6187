package io.enhancer.engine.models.segmentation;

import io.enhancer.engine.matting.SegmentationScore;
import org.opencv.core.Mat;

/** Standard segmentation measures against a true mask, from the one implementation in the matting tests. */
final class SegmentationScores {
  private SegmentationScores() {}

  static double iou(Mat matte, Mat truth) {
    return SegmentationScore.iou(matte, truth);
  }

  /** Boundary F-measure, DAVIS-style tolerance of 0.75 % of the image diagonal. */
  static double boundaryF(Mat matte, Mat truth) {
    return SegmentationScore.boundaryF(matte, truth);
  }
}
