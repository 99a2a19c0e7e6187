package io.enhancer.connector.jobs;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.outbox.OutboxMessage;
import io.enhancer.connector.outbox.OutboxWriter;
import io.enhancer.connector.presets.OptionsResolver;
import io.enhancer.connector.presets.ResolvedOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues an enhancement task. The task carries its options resolved now (defaults, preset, request), so a preset
 * edited while it waits does not change it. The image row is pointed at the new task and the Kafka message written
 * as an outbox row in the same transaction (the caller's, or one of its own): the task exists exactly when the
 * image says it is queued, whether or not Kafka is reachable right now, and the outbox relay publishes it.
 */
@Component
public class JobPublisher {
  private final OutboxWriter outbox;
  private final ImageMapper images;
  private final BatchMapper batches;
  private final LiveStatusStore live;
  private final OptionsResolver resolver;
  private final JsonMapper json;
  private final Clock clock;
  private final String topic;

  JobPublisher(OutboxWriter outbox, ImageMapper images, BatchMapper batches, LiveStatusStore live,
               OptionsResolver resolver, JsonMapper json, Clock clock, EnhancerProperties properties) {
    this.outbox = outbox;
    this.images = images;
    this.batches = batches;
    this.live = live;
    this.resolver = resolver;
    this.json = json;
    this.clock = clock;
    this.topic = properties.jobs().topic();
  }

  /** Queues the image with its SKU / product group preset, if any (what imports do). */
  @Transactional
  public EnhancementTask enqueue(ProductImage image) {
    return enqueue(image, null);
  }

  /**
   * As {@link #enqueue(ProductImage)} for the asset event that asked for it, recorded on the image in the same
   * update (intake: the same event handed over again queues nothing); {@code eventId} null records none.
   */
  @Transactional
  public EnhancementTask enqueue(ProductImage image, String eventId) {
    ResolvedOptions resolved = resolver.snapshot(null, image.skuId(), image.productGroupId(), Map.of());
    return enqueue(image.id(), null, null, Map.of(), resolved, false, eventId);
  }

  /** Queues the image with {@code options} over {@code preset} (or the image's SKU / product group preset). */
  @Transactional
  public EnhancementTask enqueue(long imageId, String batchId, String preset, Map<String, Object> options) {
    return enqueue(imageId, batchId, preset, options, resolvedFor(imageId, preset, options), false);
  }

  /** Queues the image with options already resolved (a batch resolves each preset once for all its images). */
  @Transactional
  public EnhancementTask enqueue(long imageId, String batchId, String preset, Map<String, Object> options,
                                 ResolvedOptions resolved) {
    return enqueue(imageId, batchId, preset, options, resolved, false);
  }

  /**
   * Queues a failed item of a batch again, under the same batch, with the options it was queued with; an item
   * queued before items kept them ({@code resolved} null) is resolved now.
   */
  @Transactional
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
    return enqueue(imageId, batchId, preset, options, resolved, retry, null);
  }

  private EnhancementTask enqueue(long imageId, String batchId, String preset, Map<String, Object> options,
                                  ResolvedOptions resolved, boolean retry, String eventId) {
    Instant now = clock.instant();
    EnhancementTask task = new EnhancementTask(UUID.randomUUID().toString(), imageId, batchId, preset,
        options == null ? Map.of() : options, now, resolved);
    int assigned = eventId == null ? images.assignTask(imageId, task.taskId(), now)
        : images.assignTaskForEvent(imageId, task.taskId(), eventId, now);
    if (assigned == 0) {
      throw new IllegalArgumentException("image " + imageId + " does not exist");
    }
    if (batchId != null) {
      String resolvedJson = json.writeValueAsString(resolved);
      if (retry) {
        batches.requeueItem(batchId, imageId, task.taskId(), resolved.preset(), resolved.presetVersion(), resolvedJson,
            now);
      } else {
        batches.insertItem(batchId, imageId, task.taskId(), resolved.preset(), resolved.presetVersion(), resolvedJson,
            now);
      }
    }
    outbox.write(new OutboxMessage(topic, Long.toString(imageId), json.writeValueAsString(task)));
    LiveStatus queued = new LiveStatus(imageId, task.taskId(), "queued", null, null, now);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        try {
          live.put(queued);
        } catch (RuntimeException e) {
          // Live status is a convenience; the database already holds the truth.
        }
      }
    });
    return task;
  }
}
