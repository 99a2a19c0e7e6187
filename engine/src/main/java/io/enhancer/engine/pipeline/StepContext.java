package io.enhancer.engine.pipeline;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.quality.ImageMetrics;
import org.opencv.core.Mat;

/**
 * What every step may read: the validated options, the metrics of the decoded source, the notes sink for its
 * decisions and the decoded source pixels (null when unknown), which steps after the cut-out need because the
 * cut-out replaces the backdrop they would measure light and colour on.
 */
public record StepContext(EnhanceOptions options, ImageMetrics source, StepNotes notes, Mat sourcePixels) {

  public StepContext(EnhanceOptions options, ImageMetrics source, StepNotes notes) {
    this(options, source, notes, null);
  }

  public StepContext withSource(ImageMetrics metrics) {
    return new StepContext(options, metrics, notes, sourcePixels);
  }
}
