package io.enhancer.connector.images;

import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Registers an image (and its SKU and product group) in one transaction; the same asset again is an update. */
@Component
public class CatalogRegistry {
  private final ImageMapper images;
  private final CatalogMapper catalog;
  private final Clock clock;

  CatalogRegistry(ImageMapper images, CatalogMapper catalog, Clock clock) {
    this.images = images;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Transactional
  public ProductImage register(NewImage image) {
    var now = clock.instant();
    // Looked up first: on H2 an INSERT that meets its row throws a duplicate-key exception inside and parses an
    // UPDATE for it, which took a quarter of the webhook intake's commit thread when SKUs repeat.
    String group = image.productGroupId();
    if (group != null && !catalog.groupExists(group)) catalog.ensureGroup(group, now);
    if (image.skuId() != null && !catalog.skuUpToDate(image.skuId(), group)) catalog.ensureSku(image.skuId(), group, now);
    images.upsert(image.source(), image.assetId(), image.skuId(), image.productGroupId(), image.imageType(),
        image.imageUrl(), image.damReference(), now);
    return images.findByAsset(image.source(), image.assetId());
  }

  /** What is known about an asset when it arrives. Either imageUrl or damReference locates the original. */
  public record NewImage(String source, String assetId, String skuId, String productGroupId, String imageType,
                         String imageUrl, String damReference) {
    public NewImage {
      if (source == null || source.isBlank()) throw new IllegalArgumentException("source is required");
      if (assetId == null || assetId.isBlank()) throw new IllegalArgumentException("asset_id is required");
      if ((imageUrl == null || imageUrl.isBlank()) && (damReference == null || damReference.isBlank())) {
        throw new IllegalArgumentException("image_url or dam_reference is required");
      }
    }
  }
}
