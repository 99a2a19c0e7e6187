package io.enhancer.connector.jobs;

import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.presets.OptionsResolver;
import io.enhancer.connector.presets.ResolvedOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates batches (one task per selected image) and reports their progress from job_items. Options are resolved
 * when the batch is created, each preset read once, and every task carries them: editing a preset afterwards
 * changes no image of the batch, and the batch tells which preset versions it runs.
 */
@Component
public class BatchService {
  private final ImageMapper images;
  private final BatchMapper batches;
  private final JobPublisher publisher;
  private final OptionsResolver options;
  private final JsonMapper json;
  private final Clock clock;

  BatchService(ImageMapper images, BatchMapper batches, JobPublisher publisher, OptionsResolver options,
               JsonMapper json, Clock clock) {
    this.images = images;
    this.batches = batches;
    this.publisher = publisher;
    this.options = options;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Selection by SKU, product group or explicit ids (combined with AND); options resolved before anything is queued.
   * The batch, its items and their tasks (outbox rows) are one transaction: the whole batch is queued or none of it.
   */
  @Transactional
  public BatchJob create(String skuId, String productGroupId, List<Long> imageIds, String preset,
                         Map<String, Object> requestOptions, String createdBy) {
    if (skuId == null && productGroupId == null && (imageIds == null || imageIds.isEmpty())) {
      throw new IllegalArgumentException("a batch needs sku_id, product_group_id or image_ids");
    }
    // Bad options are named even when the selection is empty; each image's own resolution follows.
    options.resolve(preset, skuId, productGroupId, requestOptions);
    List<Long> selected = images.selectIds(skuId, productGroupId, imageIds);
    if (selected.isEmpty()) throw new IllegalArgumentException("no images match this selection");
    List<ResolvedOptions> resolved = resolveEach(selected, preset, requestOptions);
    Instant now = clock.instant();
    Map<String, Object> stored = new LinkedHashMap<>(requestOptions);
    if (preset != null) stored.put("preset", preset);
    BatchJob batch = new BatchJob(UUID.randomUUID().toString(), "running", selected.size(), options.write(stored),
        createdBy, now, now);
    batches.insert(batch);
    for (int i = 0; i < selected.size(); i++) {
      publisher.enqueue(selected.get(i), batch.id(), preset, requestOptions, resolved.get(i));
    }
    return batch;
  }

  /**
   * The options each selected image runs with. A named preset applies to every image alike; without one, images
   * may match different SKU / product group presets. Each distinct resolution is made once, so the whole batch
   * sees one version of each preset.
   */
  private List<ResolvedOptions> resolveEach(List<Long> selected, String preset, Map<String, Object> request) {
    Map<List<String>, ResolvedOptions> byPresetSource = new HashMap<>();
    List<ResolvedOptions> resolved = new ArrayList<>(selected.size());
    for (long imageId : selected) {
      ProductImage image = preset != null ? null : images.find(imageId);
      String sku = image == null ? null : image.skuId();
      String group = image == null ? null : image.productGroupId();
      resolved.add(byPresetSource.computeIfAbsent(Arrays.asList(sku, group),
          k -> options.snapshot(preset, sku, group, request)));
    }
    return resolved;
  }

  /** Queues the batch's failed images again with the options they were queued with; returns how many. */
  @Transactional
  public int retryFailed(String jobId) {
    BatchJob batch = batches.find(jobId);
    if (batch == null) return -1;
    Map<String, Object> stored = new LinkedHashMap<>(options.parse(batch.optionsJson()));
    String preset = (String) stored.remove("preset");
    List<BatchMapper.FailedItem> failed = batches.failedItems(jobId);
    for (BatchMapper.FailedItem item : failed) {
      // Items queued before items kept their options (V4) are resolved now.
      ResolvedOptions resolved = item.resolvedOptions() == null ? null
          : json.readValue(item.resolvedOptions(), ResolvedOptions.class);
      publisher.retryInBatch(item.imageId(), jobId, preset, stored, resolved);
    }
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
    List<PresetUsed> presets = batches.presetsUsed(jobId).stream().map(r -> new PresetUsed(
        (String) value(r, "preset"), value(r, "preset_version") == null ? null
            : ((Number) value(r, "preset_version")).intValue(), ((Number) value(r, "n")).longValue())).toList();
    PresetUsed only = presets.size() == 1 && presets.get(0).images() == batch.total() ? presets.get(0) : null;
    return new Progress(jobId, status, batch.total(), completed, failed, queued, Math.round(progress * 1000) / 10.0,
        failures, only == null ? null : only.preset(), only == null ? null : only.presetVersion(), presets,
        batch.createdAt(), batch.updatedAt());
  }

  private static Object value(Map<String, Object> row, String key) {
    Object v = row.get(key);
    return v != null ? v : row.get(key.toUpperCase(Locale.ROOT));
  }

  /**
   * GET /batch/{job_id}; progress in percent.
   *
   * @param preset        the preset every item was resolved from, when they share one (absent otherwise)
   * @param presetVersion its version then (0 for a built-in)
   * @param presets       each preset version the items were resolved from, with how many images
   */
  public record Progress(String jobId, String status, int total, long completed, long failed, long queued,
                         double progress, List<Map<String, Object>> failures, String preset, Integer presetVersion,
                         List<PresetUsed> presets, Instant createdAt, Instant updatedAt) {}

  /** A preset version some items of a batch were resolved from. */
  public record PresetUsed(String preset, Integer presetVersion, long images) {}
}
