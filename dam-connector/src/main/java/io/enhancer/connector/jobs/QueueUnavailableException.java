package io.enhancer.connector.jobs;

/**
 * Kafka did not confirm a task in time. The image is marked failed with {@code queue_unavailable} (so it does not sit
 * as pending behind a task no worker will ever see); callers answer 503 and senders retry.
 */
public final class QueueUnavailableException extends RuntimeException {
  public static final String CODE = "queue_unavailable";

  QueueUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
