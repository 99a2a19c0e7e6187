package io.enhancer.engine.cli;

/** The command line itself is wrong (unknown flag, missing argument, bad value); exit status 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
