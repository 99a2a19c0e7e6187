package io.enhancer.engine.quality;

import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.StepNotes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores the result 0..100: every {@link QcRules rule} the image fails takes its points off, and so does every
 * penalty a step noted (e.g. "source upscaled 3x"). The reasons list says why, with figures. A score above the
 * auto-approve threshold is approved, anything else goes to review. Thread-safe.
 */
public final class QualityScorer {
  private final List<QcRule> rules;

  public QualityScorer() {
    this(QcRules.ALL);
  }

  QualityScorer(List<QcRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public QcResult score(ImageMetrics before, ImageMetrics after, StepNotes notes, EnhanceOptions options) {
    QcRule.Subject subject = new QcRule.Subject(before, after, options);
    double score = 100;
    List<String> reasons = new ArrayList<>();
    for (QcRule rule : rules) {
      Optional<QcRule.Penalty> penalty = rule.check(subject);
      if (penalty.isPresent()) {
        score -= penalty.get().points();
        reasons.add(penalty.get().reason());
      }
    }
    for (Map.Entry<String, Double> p : notes.penalties().entrySet()) {
      score -= p.getValue();
      reasons.add(p.getKey());
    }
    score = Math.round(Math.max(0, Math.min(100, score)) * 10) / 10.0;
    QcStatus status = score > options.autoApproveThreshold() ? QcStatus.AUTO_APPROVED : QcStatus.NEEDS_REVIEW;
    notes.fact("qc_rules_passed", rules.size() - (reasons.size() - notes.penalties().size()));
    return new QcResult(score, status, reasons);
  }
}
