package io.enhancer.connector.dam;

/** The DAM could not give or take an asset; the message names the asset. */
public class AssetStoreException extends RuntimeException {
  private final boolean retryable;

  public AssetStoreException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
