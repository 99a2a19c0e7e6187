package io.enhancer.engine.cli;

import io.enhancer.engine.quality.QcStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The end-of-batch account: counts, failures with reasons, mean QC score, time. */
record BatchSummary(List<BatchItemOutcome> outcomes, List<Path> skipped, double elapsedSeconds) {

  BatchSummary {
    outcomes = outcomes.stream().sorted(Comparator.comparing(BatchItemOutcome::input)).toList();
    skipped = List.copyOf(skipped);
  }

  long done() {
    return outcomes.stream().filter(BatchItemOutcome::ok).count();
  }

  long failed() {
    return outcomes.size() - done();
  }

  /** Mean QC score of the files that succeeded, NaN when none did. */
  double meanQcScore() {
    return outcomes.stream().filter(BatchItemOutcome::ok).mapToDouble(BatchItemOutcome::qcScore).average()
        .orElse(Double.NaN);
  }

  long withStatus(QcStatus status) {
    return outcomes.stream().filter(o -> o.qcStatus() == status).count();
  }

  void print(PrintStream out) {
    out.println(String.format(Locale.ROOT, "done %d, failed %d%s in %.1f s (%.2f images/s)", done(), failed(),
        skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " (not images)", elapsedSeconds,
        elapsedSeconds > 0 ? outcomes.size() / elapsedSeconds : 0));
    if (done() > 0) {
      out.println(String.format(Locale.ROOT, "mean QC score %.1f (%d %s, %d %s)", meanQcScore(),
          withStatus(QcStatus.AUTO_APPROVED), QcStatus.AUTO_APPROVED.id(),
          withStatus(QcStatus.NEEDS_REVIEW), QcStatus.NEEDS_REVIEW.id()));
    }
    if (failed() > 0) {
      out.println("failed:");
      outcomes.stream().filter(o -> !o.ok())
          .forEach(o -> out.println("  " + o.input().getFileName() + ": " + o.failure()));
    }
  }
}
