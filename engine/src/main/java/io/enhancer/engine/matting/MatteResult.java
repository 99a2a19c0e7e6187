package io.enhancer.engine.matting;

import java.util.List;
import java.util.Objects;

/**
 * What the cut-out step found out about the matte it made, for the steps and checks after it. The matte's pixels
 * stay on the frame, because every resize after the cut-out resamples them while these findings stay true.
 *
 * @param source     where the matte came from: {@code source_alpha} or the estimator's name ({@code u2netp}, ...)
 * @param confidence how far the matte can be trusted, with the cross-check's agreement when one ran
 * @param doubts     why the step sent the cut-out towards review, as it told QC; empty when nothing was doubtful
 */
public record MatteResult(String source, MatteConfidence confidence, List<String> doubts) {

  public MatteResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(confidence, "confidence");
    doubts = List.copyOf(doubts);
  }

  public boolean doubtful() {
    return !doubts.isEmpty();
  }
}
