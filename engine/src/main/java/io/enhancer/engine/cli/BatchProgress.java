package io.enhancer.engine.cli;

/** Shows a batch advancing. Implementations are called from worker threads and synchronise themselves. */
interface BatchProgress {
  void started(int total);

  void finished(BatchItemOutcome outcome);

  /** Called once after the last file, before the summary. */
  void ended();
}
