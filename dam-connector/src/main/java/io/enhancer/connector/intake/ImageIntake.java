package io.enhancer.connector.intake;

import io.enhancer.connector.dam.AssetStore;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.JobPublisher;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where accepted asset events land (webhooks, the local inbox): the image is recorded and an enhancement task
 * queued; no image work happens here. The same event handed over twice queues nothing the second time, and an
 * event about a rendition this service wrote (an S3 bucket notifies our own uploads too) queues nothing at all.
 */
@Component
public class ImageIntake implements AssetEventSink {
  private static final Logger log = LoggerFactory.getLogger(ImageIntake.class);
  private final CatalogRegistry registry;
  private final ImageMapper images;
  private final JobPublisher jobs;
  private final AssetStore store;

  ImageIntake(CatalogRegistry registry, ImageMapper images, JobPublisher jobs, AssetStore store) {
    this.registry = registry;
    this.images = images;
    this.jobs = jobs;
    this.store = store;
  }

  @Override
  public void accept(AssetEvent event) {
    if (event.damReference() != null && store.isOwnRendition(event.damReference())) {
      log.debug("ignored event {} from {}: {} is a rendition written by this service", event.eventId(),
          event.source(), event.damReference());
      return;
    }
    ProductImage image = registry.register(new CatalogRegistry.NewImage(event.source(), event.assetId(),
        event.skuId(), event.productGroupId(), event.imageType(), event.sourceUrl(), event.damReference()));
    if (event.eventId() != null && event.eventId().equals(image.lastEventId())) return;
    jobs.enqueue(image.id(), null, null, Map.of());
    if (event.eventId() != null) images.recordEvent(image.id(), event.eventId());
  }
}
