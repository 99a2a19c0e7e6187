package io.enhancer.engine.quality;

import io.enhancer.engine.options.EnhanceOptions;
import java.util.Optional;

/** One quality check: what it looks at, and the reason and points it costs when the image fails it. */
@FunctionalInterface
interface QcRule {

  Optional<Penalty> check(Subject subject);

  /** What a rule may look at: the source's metrics, the result's, and the options the result was made for. */
  record Subject(ImageMetrics before, ImageMetrics after, EnhanceOptions options) {}

  /** A named, human-readable reason with figures, and the points it takes off 100. */
  record Penalty(String reason, double points) {}
}
