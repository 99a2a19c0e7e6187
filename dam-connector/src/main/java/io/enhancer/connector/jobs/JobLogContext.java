package io.enhancer.connector.jobs;

import org.slf4j.MDC;

/**
 * The fields every log line of a job carries, through SLF4J's MDC: {@code image_id}, {@code task_id} (this attempt
 * at the image), {@code batch_id} when the task belongs to a batch and {@code sku} once the image is read. The JSON
 * log formats write MDC entries as fields. Opened on the consumer thread where a task starts, closed when it ends;
 * after a retryable failure it stays open for the container's error handler, which logs on the same thread, until
 * the next attempt or the dead-letter recoverer closes it.
 */
final class JobLogContext implements AutoCloseable {
  static final String IMAGE_ID = "image_id";
  static final String TASK_ID = "task_id";
  static final String BATCH_ID = "batch_id";
  static final String SKU = "sku";

  private JobLogContext() {}

  static JobLogContext open(EnhancementTask task) {
    clear(); // a task still in retry when its partition moved away may have left its fields
    MDC.put(IMAGE_ID, Long.toString(task.imageId()));
    MDC.put(TASK_ID, task.taskId());
    if (task.batchId() != null) MDC.put(BATCH_ID, task.batchId());
    return new JobLogContext();
  }

  /** Adds the SKU once the image row is known (the task message does not carry it). */
  static void sku(String sku) {
    if (sku != null && !sku.isBlank()) MDC.put(SKU, sku);
  }

  @Override
  public void close() {
    clear();
  }

  private static void clear() {
    MDC.remove(IMAGE_ID);
    MDC.remove(TASK_ID);
    MDC.remove(BATCH_ID);
    MDC.remove(SKU);
  }
}
