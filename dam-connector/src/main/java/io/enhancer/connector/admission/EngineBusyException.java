package io.enhancer.connector.admission;

import java.time.Duration;

/** No engine slot or memory came free in time for a real-time request: the caller should retry later. */
public final class EngineBusyException extends RuntimeException {
  public static final String CODE = "engine_busy";
  private final Duration retryAfter;

  EngineBusyException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
