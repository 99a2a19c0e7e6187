package io.enhancer.engine.errors;

/** The input breaks a configured limit (bytes, pixels); checked before pixels are decoded. */
public final class LimitExceededException extends EngineException {
  public LimitExceededException(String message) {
    super(message, null);
  }

  @Override
  public String code() {
    return "limit_exceeded";
  }
}
