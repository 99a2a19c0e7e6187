package io.enhancer.engine.quality;

import java.util.List;

/** QC score 0..100, the named reasons that lowered it, and the decision. */
public record QcResult(double score, QcStatus status, List<String> reasons) {
  public QcResult {
    reasons = List.copyOf(reasons);
  }
}
