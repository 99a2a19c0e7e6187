package io.enhancer.connector.renditions;

import io.enhancer.connector.config.EnhancerProperties;
import org.springframework.stereotype.Component;

/** The URL an enhanced image can be fetched from (ENHANCER_PUBLIC_BASE_URL + the API path). */
@Component
public class RenditionLinks {
  private final String base;

  RenditionLinks(EnhancerProperties properties) {
    this.base = properties.publicBaseUrl();
  }

  public String contentUrl(long imageId, long renditionId) {
    return base + "/api/v1/images/" + imageId + "/renditions/" + renditionId + "/content";
  }
}
