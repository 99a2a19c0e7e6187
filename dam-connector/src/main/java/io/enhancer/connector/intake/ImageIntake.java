package io.enhancer.connector.intake;

import io.enhancer.connector.dam.AssetStore;
import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.JobPublisher;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where accepted asset events land (webhooks, the local inbox): the image is recorded and an enhancement task
 * queued (an outbox row), in one transaction, the webhook intake's when a webhook brought the event; no image work
 * and no Kafka call happen here. The same event handed over twice queues nothing the second time, and an event
 * about a rendition this service wrote (an S3 bucket notifies our own uploads too) queues nothing at all.
 */
@Component
public class ImageIntake implements AssetEventSink {
  private static final Logger log = LoggerFactory.getLogger(ImageIntake.class);
  private final CatalogRegistry registry;
  private final JobPublisher jobs;
  private final AssetStore store;

  ImageIntake(CatalogRegistry registry, JobPublisher jobs, AssetStore store) {
    this.registry = registry;
    this.jobs = jobs;
    this.store = store;
  }

  @Override
  @Transactional
  public void accept(AssetEvent event) {
    if (event.damReference() != null && store.isOwnRendition(event.damReference())) {
      log.debug("ignored event {} from {}: {} is a rendition written by this service", event.eventId(),
          event.source(), event.damReference());
      return;
    }
    ProductImage image = registry.register(new CatalogRegistry.NewImage(event.source(), event.assetId(),
        event.skuId(), event.productGroupId(), event.imageType(), event.sourceUrl(), event.damReference()));
    if (event.eventId() != null && event.eventId().equals(image.lastEventId())) return;
    jobs.enqueue(image, event.eventId());
  }
}
