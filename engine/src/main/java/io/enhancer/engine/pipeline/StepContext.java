package io.enhancer.engine.pipeline;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.quality.ImageMetrics;

/**
 * What every step may read: the validated options, the metrics of the decoded source, and the notes sink for
 * its decisions.
 */
public record StepContext(EnhanceOptions options, ImageMetrics source, StepNotes notes) {

  public StepContext withSource(ImageMetrics metrics) {
    return new StepContext(options, metrics, notes);
  }
}
