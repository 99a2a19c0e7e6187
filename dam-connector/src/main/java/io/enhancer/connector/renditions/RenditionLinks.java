package io.enhancer.connector.renditions;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.dam.AssetStore;
import org.springframework.stereotype.Component;

/** The URLs an enhanced image can be fetched from: the API's (ENHANCER_PUBLIC_BASE_URL + path), or the DAM's CDN. */
@Component
public class RenditionLinks {
  private final String base;
  private final AssetStore store;

  RenditionLinks(EnhancerProperties properties, AssetStore store) {
    this.base = properties.publicBaseUrl();
    this.store = store;
  }

  /** The API's content URL (needs an API key). */
  public String contentUrl(long imageId, long renditionId) {
    return base + "/api/v1/images/" + imageId + "/renditions/" + renditionId + "/content";
  }

  /**
   * What enhanced_image_url and outbound events carry: the DAM's public URL of the rendition when it has one (an S3
   * rendition behind CloudFront), else the API's content URL.
   */
  public String publishedUrl(long imageId, long renditionId, String storageKey) {
    return store.publicUrl(storageKey).orElseGet(() -> contentUrl(imageId, renditionId));
  }
}
