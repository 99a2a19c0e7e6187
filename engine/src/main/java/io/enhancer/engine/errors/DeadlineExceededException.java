package io.enhancer.engine.errors;

/** The enhancement took longer than its time limit; checked between steps. */
public final class DeadlineExceededException extends EngineException {
  public DeadlineExceededException(String message) {
    super(message, null);
  }

  @Override
  public String code() {
    return "deadline_exceeded";
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
