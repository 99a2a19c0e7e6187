package io.enhancer.engine.models;

import org.opencv.core.Mat;

/** Enlarges an image. The classical resolver (Lanczos) is always available; ONNX models plug in here. */
public interface SuperResolver {

  /** Name for reports, e.g. {@code lanczos} or {@code espcn_x2}. */
  String name();

  /** Returns a CV_8UC3 image {@code factor} times larger (rounded), never mutating the input. */
  Mat upscale(Mat bgr, double factor);
}
