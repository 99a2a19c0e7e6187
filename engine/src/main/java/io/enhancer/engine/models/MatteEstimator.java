package io.enhancer.engine.models;

import org.opencv.core.Mat;

/**
 * Separates the product from its background. Implementations: the classical estimator (always available) and ONNX
 * segmenters. Thread-safe.
 */
public interface MatteEstimator {

  /** Name for reports, e.g. {@code classical} or {@code u2netp}. */
  String name();

  /** Returns a CV_8UC1 matte of the input's size: 255 product, 0 background, soft values on edges. */
  Mat estimate(Mat bgr);
}
