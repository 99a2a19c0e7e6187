package io.enhancer.engine.cli;

import io.enhancer.engine.quality.QcStatus;
import java.nio.file.Path;

/**
 * How one file of a batch ended.
 *
 * @param input    source file
 * @param output   written image, or null when it failed
 * @param qcScore  QC score, NaN when it failed
 * @param qcStatus QC decision, null when it failed
 * @param failure  {@code code: message}, or null when it succeeded
 * @param millis   wall time for this file
 */
record BatchItemOutcome(Path input, Path output, double qcScore, QcStatus qcStatus, String failure, double millis) {

  static BatchItemOutcome done(Path input, Path output, double qcScore, QcStatus status, double millis) {
    return new BatchItemOutcome(input, output, qcScore, status, null, millis);
  }

  static BatchItemOutcome failed(Path input, String failure, double millis) {
    return new BatchItemOutcome(input, null, Double.NaN, null, failure, millis);
  }

  boolean ok() {
    return failure == null;
  }
}
