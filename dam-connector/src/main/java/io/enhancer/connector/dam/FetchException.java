package io.enhancer.connector.dam;

/**
 * Fetching an original over HTTP failed or was refused.
 *
 * @see #code() origin_not_allowed, address_not_allowed, scheme_not_allowed, too_large, not_an_image, fetch_failed,
 *     fetch_timeout
 */
public class FetchException extends RuntimeException {
  private final String code;
  private final boolean retryable;

  public FetchException(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
