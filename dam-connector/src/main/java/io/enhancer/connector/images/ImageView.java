package io.enhancer.connector.images;

import java.time.Instant;

/** An image as GET /images lists it. */
public record ImageView(long id, String skuId, String productGroupId, String imageType, String imageUrl,
                        String damReference, String enhancedImageUrl, String status, String qcStatus, Double qcScore,
                        String errorCode, String errorReason, Long selectedRenditionId, Instant createdAt,
                        Instant updatedAt) {

  public static ImageView of(ProductImage i) {
    return new ImageView(i.id(), i.skuId(), i.productGroupId(), i.imageType(), i.imageUrl(), i.damReference(),
        i.enhancedImageUrl(), i.status(), i.qcStatus(), i.qcScore(), i.errorCode(), i.errorReason(),
        i.selectedRenditionId(), i.createdAt(), i.updatedAt());
  }
}
