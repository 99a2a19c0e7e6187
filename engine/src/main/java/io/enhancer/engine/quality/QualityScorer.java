package io.enhancer.engine.quality;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.StepNotes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scores the result 0..100 with named reasons. TODO(issue 2): metric-based penalties. */
public final class QualityScorer {

  public QcResult score(ImageMetrics before, ImageMetrics after, StepNotes notes, EnhanceOptions options) {
    double score = 100;
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, Double> p : notes.penalties().entrySet()) {
      score -= p.getValue();
      reasons.add(p.getKey());
    }
    score = Math.max(0, Math.min(100, score));
    QcStatus status = score > options.autoApproveThreshold() ? QcStatus.AUTO_APPROVED : QcStatus.NEEDS_REVIEW;
    return new QcResult(score, status, reasons);
  }
}
