package io.enhancer.connector.jobs;

import io.enhancer.connector.admission.AdmittedEnhancer;
import io.enhancer.connector.dam.AssetStore;
import io.enhancer.connector.dam.ImageSignature;
import io.enhancer.connector.dam.OriginalSource;
import io.enhancer.connector.delivery.OutboundEventRecorder;
import io.enhancer.connector.events.OutboundEvent;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ImageMetricsMapper;
import io.enhancer.connector.images.ImageMetricsRow;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.images.QcStatuses;
import io.enhancer.connector.presets.OptionsResolver;
import io.enhancer.connector.presets.ResolvedOptions;
import io.enhancer.connector.renditions.Rendition;
import io.enhancer.connector.renditions.RenditionLinks;
import io.enhancer.connector.renditions.RenditionMapper;
import io.enhancer.engine.api.EnhanceReport;
import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.ReportJson;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.StepTrace;
import io.enhancer.engine.quality.QcStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one task, idempotently: a task whose rendition already exists is only confirmed, a task the image no
 * longer points at is skipped, and the rendition, metrics and image state are written in one transaction after
 * the file is stored. The caller acknowledges the Kafka message only after this returns.
 */
@Component
public class TaskProcessor {
  private static final Logger log = LoggerFactory.getLogger(TaskProcessor.class);

  /** What happened to a task. */
  public enum Outcome { COMPLETED, ALREADY_DONE, SUPERSEDED, MISSING_IMAGE }

  /** How a task ended; the QC score and status are set only when it {@link Outcome#COMPLETED completed}. */
  public record Result(Outcome outcome, Double qcScore, String qcStatus) {
    static Result skipped(Outcome outcome) {
      return new Result(outcome, null, null);
    }
  }

  private final ImageMapper images;
  private final RenditionMapper renditions;
  private final ImageMetricsMapper metrics;
  private final BatchMapper batches;
  private final OriginalSource originals;
  private final AssetStore store;
  private final AdmittedEnhancer enhancer;
  private final OptionsResolver options;
  private final LiveStatusStore live;
  private final RenditionLinks links;
  private final TransactionTemplate tx;
  private final MeterRegistry meters;
  private final Clock clock;
  private final OutboundEventRecorder events;
  private final AtomicBoolean loggedUnresolvedTask = new AtomicBoolean();

  TaskProcessor(ImageMapper images, RenditionMapper renditions, ImageMetricsMapper metrics, BatchMapper batches,
                OriginalSource originals, AssetStore store, AdmittedEnhancer enhancer, OptionsResolver options,
                LiveStatusStore live, RenditionLinks links, TransactionTemplate tx, MeterRegistry meters, Clock clock,
                OutboundEventRecorder events) {
    this.events = events;
    this.images = images;
    this.renditions = renditions;
    this.metrics = metrics;
    this.batches = batches;
    this.originals = originals;
    this.store = store;
    this.enhancer = enhancer;
    this.options = options;
    this.live = live;
    this.links = links;
    this.tx = tx;
    this.meters = meters;
    this.clock = clock;
  }

  public Result process(EnhancementTask task) {
    ProductImage image = images.find(task.imageId());
    if (image == null) return count(Outcome.MISSING_IMAGE);
    JobLogContext.sku(image.skuId());
    if (renditions.findByTask(task.taskId()) != null) return count(Outcome.ALREADY_DONE);
    if (!task.taskId().equals(image.currentTaskId())) return count(Outcome.SUPERSEDED);
    if (ProductImage.FAILED.equals(image.status())) return count(Outcome.ALREADY_DONE);

    // Options first: a task this version cannot read fails before the original is fetched.
    ResolvedOptions snapshot = optionsOf(task, image);
    EnhanceOptions resolved = snapshot.toOptions();
    images.markProcessing(image.id(), task.taskId(), clock.instant());
    status(task, "processing", "fetch", null);
    byte[] original = originals.read(image);
    log.debug("original read: {} bytes from {}", original.length,
        image.damReference() != null ? "the DAM" : "the origin");

    status(task, "processing", "enhance", null);
    long start = System.nanoTime();
    // The original is in hand before the engine slot is asked for: a slow origin never holds a slot.
    EnhanceResult result = enhancer.enhanceWhenAdmitted(original, resolved);
    double elapsedMs = (System.nanoTime() - start) / 1e6;
    recordStepTimings(result.report());
    log.debug("enhanced in {} ms: {} steps, QC {}", Math.round(elapsedMs), result.report().steps().size(),
        result.report().qcScore());

    int version = renditions.latestVersion(image.id()) + 1;
    String assetKey = OriginalSource.assetKey(image);
    String storageKey = store.writeRendition(assetKey, version, task.taskId(), result.image(),
        ImageSignature.extension(result.image()));
    log.debug("rendition v{} written to the DAM as {}", version, storageKey);
    EnhanceReport report = result.report();
    String qcStatus = switch (report.qcStatus()) {
      case AUTO_APPROVED -> QcStatuses.AUTO_APPROVED;
      case REJECTED -> QcStatuses.REJECTED;
      case NEEDS_REVIEW -> QcStatuses.NEEDS_REVIEW;
    };
    Instant now = clock.instant();

    long renditionId = tx.execute(status -> {
      Rendition rendition = new Rendition(null, image.id(), version, task.taskId(), storageKey,
          ImageSignature.mediaType(result.image()), report.output().width(), report.output().height(), report.output().bytes(),
          report.qcScore(), qcStatus, resolved.preset(), snapshot.presetVersion(), true, now);
      renditions.insert(rendition);
      Rendition stored = renditions.findByTask(task.taskId());
      renditions.selectOnly(image.id(), stored.id());
      metrics.insert(new ImageMetricsRow(null, image.id(), stored.id(), report.metricsBefore().width(),
          report.metricsBefore().height(), report.metricsAfter().width(), report.metricsAfter().height(),
          report.metricsBefore().sharpness(), report.metricsAfter().sharpness(), report.metricsBefore().noiseSigma(),
          report.metricsAfter().noiseSigma(), report.metricsBefore().contrast(), report.metricsAfter().contrast(),
          elapsedMs, ReportJson.write(report), now));
      String url = links.publishedUrl(image.id(), stored.id(), storageKey);
      images.markCompleted(image.id(), qcStatus, report.qcScore(), stored.id(), url, now);
      batches.finishItem(task.taskId(), "completed", null, now);
      // in the same transaction as the rendition row (unique per task): a task run twice announces one rendition
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("asset_id", image.assetId());
      data.put("source", image.source());
      data.put("sku_id", image.skuId());
      data.put("rendition_id", stored.id());
      data.put("version", version);
      data.put("url", url);
      data.put("qc_status", qcStatus);
      data.put("qc_score", report.qcScore());
      events.record(new OutboundEvent(OutboundEvent.RENDITION_READY, image.id(), data, now));
      return stored.id();
    });
    store.markSelected(assetKey, storageKey);
    status(task, "completed", null, qcStatus);
    count(Outcome.COMPLETED);
    return new Result(Outcome.COMPLETED, report.qcScore(), qcStatus);
  }

  /**
   * The options the task was queued with. A task queued before tasks carried them (still in Kafka across an
   * upgrade) is resolved from its preset name and request as before, so no queued work is lost; either way the
   * rendition can name the preset version it was made with.
   */
  private ResolvedOptions optionsOf(EnhancementTask task, ProductImage image) {
    if (task.resolved() != null) return task.resolved();
    if (!loggedUnresolvedTask.getAndSet(true)) {
      log.info("task {} was queued without resolved options (by an earlier version): its preset is read now, so "
          + "edits made since it was queued apply; such tasks are resolved this way without a further line",
          task.taskId());
    }
    return options.snapshot(task.preset(), image.skuId(), image.productGroupId(), task.options());
  }

  /** Records a failure that retrying will not fix (or that ran out of retries). */
  public void fail(EnhancementTask task, Failure failure) {
    Instant now = clock.instant();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("task_id", task.taskId());
    data.put("error", failure.code());
    data.put("message", failure.reason());
    tx.executeWithoutResult(status -> {
      // only the task the image still points at fails it, and only that failure is announced
      if (images.markFailed(task.imageId(), task.taskId(), failure.code(), truncate(failure.reason()), now) == 1) {
        events.record(new OutboundEvent(OutboundEvent.JOB_FAILED, task.imageId(), data, now));
      }
      batches.finishItem(task.taskId(), "failed", truncate(failure.code() + ": " + failure.reason()), now);
    });
    status(task, "failed", null, failure.code() + ": " + failure.reason());
    meters.counter("enhancer.jobs", "outcome", "failed", "reason", failure.code()).increment();
  }

  private void recordStepTimings(EnhanceReport report) {
    for (StepTrace step : report.steps()) {
      Timer.builder("enhancer.step").tag("step", step.name()).register(meters)
          .record((long) (step.millis() * 1e6), TimeUnit.NANOSECONDS);
    }
  }

  private void status(EnhancementTask task, String state, String stage, String message) {
    try {
      live.put(new LiveStatus(task.imageId(), task.taskId(), state, stage, message, clock.instant()));
    } catch (RuntimeException e) {
      // Live status is a convenience; the database already holds the truth.
    }
  }

  private Result count(Outcome outcome) {
    meters.counter("enhancer.jobs", "outcome", outcome.name().toLowerCase(), "reason", "none").increment();
    return Result.skipped(outcome);
  }

  /** A failure reason cut to what the error_reason columns (VARCHAR(1024)) keep. */
  static String truncate(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
