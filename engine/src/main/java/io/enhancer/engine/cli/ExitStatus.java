package io.enhancer.engine.cli;

/** Process exit statuses of the command line. */
final class ExitStatus {
  static final int OK = 0;
  /** An image (or, in a batch, at least one image) could not be enhanced. */
  static final int FAILED = 1;
  /** The command line was wrong; nothing was processed. */
  static final int USAGE = 2;

  private ExitStatus() {}
}
