package io.enhancer.connector.dam.directus;

import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Catches uploads whose webhook never arrived (Directus does not retry a failed Flow request): lists the originals
 * uploaded within the lookback and hands to intake each one the connector has not taken in since it was uploaded.
 * An upload younger than the grace period is left to its webhook. Replacing an original's file bumps its
 * {@code uploaded_on}, so a re-upload counts as new.
 */
public final class DirectusReconciler implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(DirectusReconciler.class);
  private static final int PAGE = 100;
  private final DirectusClient client;
  private final ImageMapper images;
  private final AssetEventSink sink;
  private final Clock clock;
  private final DirectusProperties.Reconcile settings;
  private ScheduledExecutorService timer;

  public DirectusReconciler(DirectusClient client, ImageMapper images, AssetEventSink sink, Clock clock,
                            DirectusProperties.Reconcile settings) {
    this.client = client;
    this.images = images;
    this.sink = sink;
    this.clock = clock;
    this.settings = settings;
  }

  /** One pass; returns how many uploads were handed to intake. */
  public int reconcile() {
    Instant now = clock.instant();
    Instant from = now.minus(settings.lookback());
    Instant settledBefore = now.minus(settings.grace());
    int taken = 0;
    for (int page = 1; ; page++) {
      JsonNode files = client.get("files" + DirectusClient.query(DirectusClient.params(
          "filter[uploaded_on][_gte]", from.toString(),
          "filter[enhanced_of][_null]", "true",
          "filter[type][_starts_with]", "image/",
          "fields", "id,uploaded_on",
          "sort", "uploaded_on",
          "limit", Integer.toString(PAGE),
          "page", Integer.toString(page))));
      for (JsonNode file : files) {
        Instant uploaded = instant(file.path("uploaded_on").asString(""));
        if (uploaded == null || !uploaded.isBefore(settledBefore)) continue;
        String id = file.path("id").asString();
        if (seenSince(id, uploaded)) continue;
        sink.accept(new AssetEvent("directus-reconciled-" + id + "-" + uploaded.toEpochMilli(),
            DirectusAssetStore.SOURCE, AssetEvent.UPLOADED, id, client.baseUrl() + "/assets/" + id,
            DirectusAssetStore.REFERENCE_PREFIX + id, null, null, null, now));
        taken++;
      }
      if (files.size() < PAGE) break;
    }
    if (taken > 0) log.info("Directus reconciliation took in {} upload(s) whose webhook did not arrive", taken);
    return taken;
  }

  /** The connector registered (or worked on) this asset at or after the upload. */
  private boolean seenSince(String fileId, Instant uploaded) {
    ProductImage image = images.findByAsset(DirectusAssetStore.SOURCE, fileId);
    return image != null && image.updatedAt() != null && !image.updatedAt().isBefore(uploaded);
  }

  private static Instant instant(String text) {
    try {
      // Directus answers "2026-05-01T10:00:00.123Z"; older versions without the zone mean UTC
      return Instant.parse(text.endsWith("Z") || text.contains("+") ? text : text + "Z");
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void pass() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      log.warn("Directus reconciliation failed, next try in {}: {}", settings.interval(), e.getMessage());
    }
  }

  @Override
  public synchronized void start() {
    if (!settings.enabled()) return;
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "directus-reconciler"));
    long every = settings.interval().toMillis();
    timer.scheduleWithFixedDelay(this::pass, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }

}
