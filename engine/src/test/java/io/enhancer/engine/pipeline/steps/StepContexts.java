package io.enhancer.engine.pipeline.steps;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.quality.BoundingBox;
import io.enhancer.engine.quality.ImageMetrics;

/** Step contexts for tests: options plus source metrics where only size, product box and noise matter. */
final class StepContexts {
  private StepContexts() {}

  static StepContext of(EnhanceOptions options, int width, int height, BoundingBox productBox, double noiseSigma) {
    ImageMetrics source = new ImageMetrics(width, height, 128, 0, 0, 50, 0, 0, noiseSigma, 1, 1, 1, productBox,
        productBox == null ? 1 : Math.max(productBox.width() / (double) width, productBox.height() / (double) height));
    return new StepContext(options, source, new StepNotes());
  }

  static StepContext of(EnhanceOptions options, int width, int height) {
    return of(options, width, height, null, 0);
  }
}
