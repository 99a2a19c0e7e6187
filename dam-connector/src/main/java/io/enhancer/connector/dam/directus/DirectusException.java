package io.enhancer.connector.dam.directus;

import io.enhancer.connector.dam.AssetStoreException;

/** Directus answered with an error or could not be reached; {@link #status()} is 0 when there was no answer. */
public class DirectusException extends AssetStoreException {
  private final int status;

  public DirectusException(String message, int status, boolean retryable, Throwable cause) {
    super(message, retryable, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The request reached Directus and it answered 404. */
  public boolean notFound() {
    return status == 404;
  }
}
