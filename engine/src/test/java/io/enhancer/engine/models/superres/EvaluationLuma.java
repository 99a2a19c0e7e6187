package io.enhancer.engine.models.superres;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Range;

/**
 * The luminance that super-resolution papers score on: ITU-R BT.601 studio-range Y (16..235, MATLAB's rgb2ycbcr),
 * as CV_64F, with {@code border} pixels shaved on every side (the models see no context there).
 */
final class EvaluationLuma {
  private EvaluationLuma() {}

  static Mat of(Mat bgr, int border) {
    Mat f = new Mat();
    bgr.convertTo(f, CvType.CV_64FC3);
    List<Mat> c = new ArrayList<>();
    Core.split(f, c);
    Mat y = new Mat(f.size(), CvType.CV_64FC1);
    // y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255
    Core.addWeighted(c.get(2), 65.481 / 255, c.get(1), 128.553 / 255, 16, y);
    Core.scaleAdd(c.get(0), 24.966 / 255, y, y);
    return y.submat(new Range(border, y.rows() - border), new Range(border, y.cols() - border)).clone();
  }
}
