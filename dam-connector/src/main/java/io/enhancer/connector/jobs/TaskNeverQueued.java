package io.enhancer.connector.jobs;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.outbox.OutboxDeadRowListener;
import io.enhancer.connector.outbox.OutboxRow;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task whose outbox row died (Kafka refused it every time) will never reach a worker: its image is marked failed
 * with {@value #CODE} and the reason, and so is its batch item, so it shows in the admin UI and the API instead of
 * sitting pending, and any later event, import or retry-failed queues it again. An image that has moved on to
 * another task is left alone (the update names the task).
 */
@Component
class TaskNeverQueued implements OutboxDeadRowListener {
  static final String CODE = "queue_unavailable";
  private final ImageMapper images;
  private final BatchMapper batches;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;
  private final String topic;

  TaskNeverQueued(ImageMapper images, BatchMapper batches, TransactionTemplate tx, JsonMapper json, Clock clock,
                  EnhancerProperties properties) {
    this.images = images;
    this.batches = batches;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
    this.topic = properties.jobs().topic();
  }

  @Override
  public void rowDied(OutboxRow row, String reason) {
    if (!row.topic().equals(topic)) return;
    EnhancementTask task = json.readValue(row.payload(), EnhancementTask.class);
    String why = TaskProcessor.truncate("Kafka refused the task on topic " + topic + ": " + reason);
    Instant now = clock.instant();
    tx.executeWithoutResult(status -> {
      images.markFailed(task.imageId(), task.taskId(), CODE, why, now);
      if (task.batchId() != null) batches.finishItem(task.taskId(), "failed", TaskProcessor.truncate(CODE + ": " + why), now);
    });
  }
}
