package io.enhancer.engine.errors;

/**
 * Every failure the engine reports. Each subtype is one cause; edges (CLI, REST, Kafka worker) map the
 * {@link #code()} to an exit status, HTTP status or retry decision. Messages are safe to show to users.
 */
public sealed abstract class EngineException extends RuntimeException
    permits InvalidImageException, LimitExceededException, InvalidOptionsException,
            DeadlineExceededException, ModelException, EncodeException {

  protected EngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Stable machine-readable code, e.g. {@code invalid_image}. */
  public abstract String code();

  /** True when the same input may succeed on a later attempt (transient cause). */
  public boolean retryable() {
    return false;
  }
}
