package io.enhancer.engine.errors;

/** An option value is out of range or unknown; the message names the option and the rejected value. */
public final class InvalidOptionsException extends EngineException {
  public InvalidOptionsException(String message) {
    super(message, null);
  }

  @Override
  public String code() {
    return "invalid_options";
  }
}
