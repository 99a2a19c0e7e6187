package io.enhancer.connector.intake;

import io.enhancer.connector.images.CatalogRegistry;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.JobPublisher;
import io.enhancer.webhooks.intake.AssetEvent;
import io.enhancer.webhooks.intake.AssetEventSink;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Where accepted asset events land (webhooks, the local inbox): the image is recorded and an enhancement task
 * queued; no image work happens here. The same event handed over twice queues nothing the second time.
 */
@Component
public class ImageIntake implements AssetEventSink {
  private final CatalogRegistry registry;
  private final ImageMapper images;
  private final JobPublisher jobs;

  ImageIntake(CatalogRegistry registry, ImageMapper images, JobPublisher jobs) {
    this.registry = registry;
    this.images = images;
    this.jobs = jobs;
  }

  @Override
  public void accept(AssetEvent event) {
    ProductImage image = registry.register(new CatalogRegistry.NewImage(event.source(), event.assetId(),
        event.skuId(), event.productGroupId(), event.imageType(), event.sourceUrl(), event.damReference()));
    if (event.eventId() != null && event.eventId().equals(image.lastEventId())) return;
    jobs.enqueue(image.id(), null, null, Map.of());
    if (event.eventId() != null) images.recordEvent(image.id(), event.eventId());
  }
}
