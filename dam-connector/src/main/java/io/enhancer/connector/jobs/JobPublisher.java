package io.enhancer.connector.jobs;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.presets.OptionsResolver;
import io.enhancer.connector.presets.ResolvedOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts an enhancement task on Kafka. The task carries its options resolved now (defaults, preset, request), so a
 * preset edited while it waits does not change it. The image row is pointed at the new task first, then the message
 * is sent and confirmed by the broker before returning, so a caller that got an answer knows the job is queued.
 */
@Component
public class JobPublisher {
  private final KafkaTemplate<String, String> kafka;
  private final ImageMapper images;
  private final BatchMapper batches;
  private final LiveStatusStore live;
  private final OptionsResolver resolver;
  private final JsonMapper json;
  private final Clock clock;
  private final String topic;

  JobPublisher(KafkaTemplate<String, String> kafka, ImageMapper images, BatchMapper batches, LiveStatusStore live,
               OptionsResolver resolver, JsonMapper json, Clock clock, EnhancerProperties properties) {
    this.kafka = kafka;
    this.images = images;
    this.batches = batches;
    this.live = live;
    this.resolver = resolver;
    this.json = json;
    this.clock = clock;
    this.topic = properties.jobs().topic();
  }

  /** Queues the image with {@code options} over {@code preset} (or the image's SKU / product group preset). */
  public EnhancementTask enqueue(long imageId, String batchId, String preset, Map<String, Object> options) {
    return enqueue(imageId, batchId, preset, options, resolvedFor(imageId, preset, options), false);
  }

  /** Queues the image with options already resolved (a batch resolves each preset once for all its images). */
  public EnhancementTask enqueue(long imageId, String batchId, String preset, Map<String, Object> options,
                                 ResolvedOptions resolved) {
    return enqueue(imageId, batchId, preset, options, resolved, false);
  }

  /**
   * Queues a failed item of a batch again, under the same batch, with the options it was queued with; an item
   * queued before items kept them ({@code resolved} null) is resolved now.
   */
  public EnhancementTask retryInBatch(long imageId, String batchId, String preset, Map<String, Object> options,
                                      ResolvedOptions resolved) {
    return enqueue(imageId, batchId, preset, options,
        resolved != null ? resolved : resolvedFor(imageId, preset, options), true);
  }

  private ResolvedOptions resolvedFor(long imageId, String preset, Map<String, Object> options) {
    ProductImage image = images.find(imageId);
    if (image == null) throw new IllegalArgumentException("image " + imageId + " does not exist");
    return resolver.snapshot(preset, image.skuId(), image.productGroupId(), options);
  }

  private EnhancementTask enqueue(long imageId, String batchId, String preset, Map<String, Object> options,
                                  ResolvedOptions resolved, boolean retry) {
    Instant now = clock.instant();
    EnhancementTask task = new EnhancementTask(UUID.randomUUID().toString(), imageId, batchId, preset,
        options == null ? Map.of() : options, now, resolved);
    String resolvedJson = json.writeValueAsString(resolved);
    images.assignTask(imageId, task.taskId(), now);
    if (batchId != null && retry) {
      batches.requeueItem(batchId, imageId, task.taskId(), resolved.preset(), resolved.presetVersion(), resolvedJson,
          now);
    }
    if (batchId != null && !retry) {
      batches.insertItem(batchId, imageId, task.taskId(), resolved.preset(), resolved.presetVersion(), resolvedJson,
          now);
    }
    try {
      kafka.send(topic, Long.toString(imageId), json.writeValueAsString(task)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notQueued(task, "interrupted while queueing", e);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException
             | org.springframework.kafka.KafkaException e) {
      throw notQueued(task, "Kafka did not confirm the task", e);
    }
    live.put(new LiveStatus(imageId, task.taskId(), "queued", null, null, now));
    return task;
  }

  /**
   * The image already points at the task; left pending it would wait for a message no worker will ever get. Failed
   * with a reason it shows up in the admin UI and the API, and any later event, import or retry queues it again.
   */
  private QueueUnavailableException notQueued(EnhancementTask task, String what, Exception cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String reason = what + " on topic " + topic + ": " + root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    Instant now = clock.instant();
    try {
      images.markFailed(task.imageId(), task.taskId(), QueueUnavailableException.CODE, TaskProcessor.truncate(reason),
          now);
      if (task.batchId() != null) {
        batches.finishItem(task.taskId(), "failed",
            TaskProcessor.truncate(QueueUnavailableException.CODE + ": " + reason), now);
      }
    } catch (RuntimeException markFailed) {
      cause.addSuppressed(markFailed);
    }
    return new QueueUnavailableException("could not queue image " + task.imageId() + ": " + reason, cause);
  }
}
