package io.enhancer.engine.errors;

/** The input is empty, truncated, corrupt, or not an image format we decode. */
public final class InvalidImageException extends EngineException {
  public InvalidImageException(String message) {
    super(message, null);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "invalid_image";
  }
}
