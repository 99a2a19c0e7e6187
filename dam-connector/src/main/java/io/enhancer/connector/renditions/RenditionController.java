package io.enhancer.connector.renditions;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.dam.AssetStore;
import io.enhancer.connector.dam.OriginalSource;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Editors pick which rendition is published, or go back to the original. */
@RestController
@RequestMapping("/api/v1/images/{imageId}/renditions")
@AllowedRoles({Role.REVIEWER, Role.INTEGRATION})
class RenditionController {
  private final ImageMapper images;
  private final RenditionMapper renditions;
  private final AssetStore store;
  private final RenditionLinks links;
  private final Clock clock;

  RenditionController(ImageMapper images, RenditionMapper renditions, AssetStore store, RenditionLinks links,
                      Clock clock) {
    this.images = images;
    this.renditions = renditions;
    this.store = store;
    this.links = links;
    this.clock = clock;
  }

  @GetMapping
  RenditionList list(@PathVariable long imageId) {
    ProductImage image = image(imageId);
    return new RenditionList(imageId, image.selectedRenditionId(), views(imageId));
  }

  /** Body: {@code {"selected_rendition_id": 12}} or {@code {"selected_rendition_id": null}} for the original. */
  @PutMapping
  @Transactional
  RenditionList select(@PathVariable long imageId, @RequestBody Selection selection) {
    ProductImage image = image(imageId);
    Long chosen = selection.selectedRenditionId();
    String storageKey = null;
    if (chosen != null) {
      Rendition r = renditions.find(chosen);
      if (r == null || r.imageId() != imageId) throw ApiException.notFound("rendition " + chosen + " of image " + imageId);
      storageKey = r.storageKey();
    }
    renditions.selectOnly(imageId, chosen);
    images.select(imageId, chosen, chosen == null ? null : links.publishedUrl(imageId, chosen, storageKey),
        clock.instant());
    store.markSelected(OriginalSource.assetKey(image), storageKey);
    return new RenditionList(imageId, chosen, views(imageId));
  }

  @GetMapping("/{renditionId}/content")
  ResponseEntity<byte[]> content(@PathVariable long imageId, @PathVariable long renditionId) {
    Rendition r = renditions.find(renditionId);
    if (r == null || r.imageId() != imageId) throw ApiException.notFound("rendition " + renditionId + " of image " + imageId);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(r.mediaType())).body(store.readRendition(r.storageKey()));
  }

  private ProductImage image(long imageId) {
    ProductImage image = images.find(imageId);
    if (image == null) throw ApiException.notFound("image " + imageId);
    return image;
  }

  private List<RenditionView> views(long imageId) {
    return renditions.forImage(imageId).stream().map(r -> new RenditionView(r.id(), r.version(), r.mediaType(),
        r.width(), r.height(), r.bytes(), r.qcScore(), r.qcStatus(), r.preset(), r.presetVersion(),
        Boolean.TRUE.equals(r.selected()),
        links.contentUrl(imageId, r.id()), r.createdAt())).toList();
  }

  record Selection(Long selectedRenditionId) {}

  record RenditionView(long id, int version, String mediaType, int width, int height, long bytes, Double qcScore,
                       String qcStatus, String preset, Integer presetVersion, boolean selected, String url,
                       Instant createdAt) {}

  record RenditionList(long imageId, Long selectedRenditionId, List<RenditionView> renditions) {}
}
