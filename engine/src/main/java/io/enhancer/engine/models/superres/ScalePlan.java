package io.enhancer.engine.models.superres;

import java.util.NavigableSet;
import org.opencv.core.Size;

/**
 * How a model family reaches a requested factor: run the smallest model scale at or above the factor, then shrink
 * the result by area averaging (2.6x = x3 model, then 0.87x). Shrinking a sharper, larger result keeps the model's
 * detail; the alternative (x2 model then a 1.3x Lanczos stretch) re-blurs it. Above the largest model scale the
 * remainder is a Lanczos stretch: chaining models compounds their artefacts.
 *
 * @param modelScale the model to run (2, 3 or 4)
 * @param factor     the requested overall factor
 */
record ScalePlan(int modelScale, double factor) {

  /** Factors this close to a model's scale use the model output as is (size still rounds to the exact target). */
  private static final double SAME_SCALE_TOLERANCE = 0.01;

  static ScalePlan choose(double factor, NavigableSet<Integer> modelScales) {
    if (modelScales.isEmpty()) throw new IllegalArgumentException("no model scales available");
    Integer atOrAbove = modelScales.ceiling((int) Math.ceil(factor - SAME_SCALE_TOLERANCE));
    return new ScalePlan(atOrAbove != null ? atOrAbove : modelScales.last(), factor);
  }

  /** The exact output size for a factor: rounded, at least one pixel. */
  static Size targetSize(int width, int height, double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("factor must be positive, got " + factor);
    return new Size(Math.max(1, Math.round(width * factor)), Math.max(1, Math.round(height * factor)));
  }
}
