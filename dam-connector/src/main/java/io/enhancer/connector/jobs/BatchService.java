package io.enhancer.connector.jobs;

import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.presets.OptionsResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Creates batches (one task per selected image) and reports their progress from job_items. */
@Component
public class BatchService {
  private final ImageMapper images;
  private final BatchMapper batches;
  private final JobPublisher publisher;
  private final OptionsResolver options;
  private final Clock clock;

  BatchService(ImageMapper images, BatchMapper batches, JobPublisher publisher, OptionsResolver options, Clock clock) {
    this.images = images;
    this.batches = batches;
    this.publisher = publisher;
    this.options = options;
    this.clock = clock;
  }

  /** Selection by SKU, product group or explicit ids (combined with AND); options validated before anything is queued. */
  public BatchJob create(String skuId, String productGroupId, List<Long> imageIds, String preset,
                         Map<String, Object> requestOptions, String createdBy) {
    if (skuId == null && productGroupId == null && (imageIds == null || imageIds.isEmpty())) {
      throw new IllegalArgumentException("a batch needs sku_id, product_group_id or image_ids");
    }
    options.resolve(preset, skuId, productGroupId, requestOptions);
    List<Long> selected = images.selectIds(skuId, productGroupId, imageIds);
    if (selected.isEmpty()) throw new IllegalArgumentException("no images match this selection");
    Instant now = clock.instant();
    Map<String, Object> stored = new LinkedHashMap<>(requestOptions);
    if (preset != null) stored.put("preset", preset);
    BatchJob batch = new BatchJob(UUID.randomUUID().toString(), "running", selected.size(), options.write(stored),
        createdBy, now, now);
    batches.insert(batch);
    for (int i = 0; i < selected.size(); i++) {
      try {
        publisher.enqueue(selected.get(i), batch.id(), preset, requestOptions);
      } catch (QueueUnavailableException e) {
        // Waiting for Kafka once per remaining image could hold the request for hours: record the rest as failed
        // items at once, so the batch adds up and retry-failed queues them all when Kafka is back.
        for (long rest : selected.subList(i + 1, selected.size())) {
          String never = "not-queued-" + UUID.randomUUID();
          batches.insertItem(batch.id(), rest, never, now);
          batches.finishItem(never, "failed", QueueUnavailableException.CODE + ": not sent, Kafka was unavailable",
              now);
        }
        throw new QueueUnavailableException("batch " + batch.id() + ": " + i + " of " + selected.size()
            + " images queued before Kafka stopped answering, the others are failed items (POST /api/v1/batch/"
            + batch.id() + "/retry-failed once Kafka is back); " + e.getMessage(), e);
      }
    }
    return batch;
  }

  /** Queues the batch's failed images again with the batch's options; returns how many. */
  public int retryFailed(String jobId) {
    BatchJob batch = batches.find(jobId);
    if (batch == null) return -1;
    Map<String, Object> stored = new LinkedHashMap<>(options.parse(batch.optionsJson()));
    String preset = (String) stored.remove("preset");
    List<Long> failed = batches.failedImages(jobId);
    for (long imageId : failed) publisher.retryInBatch(imageId, jobId, preset, stored);
    if (!failed.isEmpty()) batches.setStatus(jobId, "running", clock.instant());
    return failed.size();
  }

  public Progress progress(String jobId) {
    BatchJob batch = batches.find(jobId);
    if (batch == null) return null;
    long completed = 0;
    long failed = 0;
    long queued = 0;
    for (Map<String, Object> row : batches.itemCounts(jobId)) {
      String status = String.valueOf(value(row, "k"));
      long n = ((Number) value(row, "n")).longValue();
      switch (status) {
        case "completed" -> completed = n;
        case "failed" -> failed = n;
        default -> queued += n;
      }
    }
    String status = queued > 0 ? "running" : failed > 0 ? "completed_with_failures" : "completed";
    if (!status.equals(batch.status())) batches.setStatus(jobId, status, clock.instant());
    double progress = batch.total() == 0 ? 1.0 : (completed + failed) / (double) batch.total();
    List<Map<String, Object>> failures = batches.failures(jobId).stream().map(r -> Map.<String, Object>of(
        "image_id", value(r, "image_id"), "error", String.valueOf(value(r, "error_reason")))).toList();
    return new Progress(jobId, status, batch.total(), completed, failed, queued, Math.round(progress * 1000) / 10.0,
        failures, batch.createdAt(), batch.updatedAt());
  }

  private static Object value(Map<String, Object> row, String key) {
    Object v = row.get(key);
    return v != null ? v : row.get(key.toUpperCase(Locale.ROOT));
  }

  /** GET /batch/{job_id}; progress in percent. */
  public record Progress(String jobId, String status, int total, long completed, long failed, long queued,
                         double progress, List<Map<String, Object>> failures, Instant createdAt, Instant updatedAt) {}
}
