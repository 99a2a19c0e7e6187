package io.enhancer.engine.errors;

/** A model could not be loaded or run (missing file, checksum mismatch, runtime error). */
public final class ModelException extends EngineException {
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "model_error";
  }
}
