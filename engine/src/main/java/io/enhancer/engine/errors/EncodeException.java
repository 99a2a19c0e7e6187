package io.enhancer.engine.errors;

/** The output could not be encoded in the requested format. */
public final class EncodeException extends EngineException {
  public EncodeException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "encode_failed";
  }
}
