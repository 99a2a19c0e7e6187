package io.enhancer.connector.images;

import java.time.Instant;

/** One row of product_images: an original asset and where its enhancement stands. */
public record ProductImage(
    Long id,
    String source,
    String assetId,
    String skuId,
    String productGroupId,
    String imageType,
    String imageUrl,
    String damReference,
    String enhancedImageUrl,
    String status,
    String qcStatus,
    Double qcScore,
    String errorCode,
    String errorReason,
    Long selectedRenditionId,
    String currentTaskId,
    String lastEventId,
    Instant createdAt,
    Instant updatedAt) {

  public static final String PENDING = "pending";
  public static final String PROCESSING = "processing";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
}
