package io.enhancer.connector.dam;

import io.enhancer.connector.images.ProductImage;

/** Where a worker gets an image's original: the DAM when it has a reference, else the allowed HTTP origin. */
public final class OriginalSource {
  private final AssetStore store;
  private final HttpOriginFetcher fetcher;

  public OriginalSource(AssetStore store, HttpOriginFetcher fetcher) {
    this.store = store;
    this.fetcher = fetcher;
  }

  public byte[] read(ProductImage image) {
    if (image.damReference() != null && !image.damReference().isBlank()) {
      return store.readOriginal(image.damReference());
    }
    return fetcher.fetch(image.imageUrl());
  }

  /** The folder key renditions of this image are stored under. */
  public static String assetKey(ProductImage image) {
    return image.source() + "/" + image.assetId();
  }
}
