package io.enhancer.connector.admin;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.dam.AssetStoreException;
import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.ImageSignature;
import io.enhancer.connector.dam.OriginalSource;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.ApiKeyFilter;
import io.enhancer.connector.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The few read endpoints the admin UI needs beyond the integration API: who the key belongs to (the role decides
 * which screens are shown), an image's original bytes (an {@code <img>} cannot send a Bearer key, and originals may
 * live in the DAM rather than at a public URL), and the most recent batches.
 */
@RestController
@RequestMapping("/api/v1")
@AllowedRoles({Role.REVIEWER, Role.INTEGRATION})
class AdminUiReadController {
  private final ImageMapper images;
  private final OriginalSource originals;
  private final RecentBatchesMapper batches;

  AdminUiReadController(ImageMapper images, OriginalSource originals, RecentBatchesMapper batches) {
    this.images = images;
    this.originals = originals;
    this.batches = batches;
  }

  @GetMapping("/me")
  Map<String, String> me(HttpServletRequest request) {
    Role role = (Role) request.getAttribute(ApiKeyFilter.ROLE_ATTRIBUTE);
    return Map.of("role", role.id());
  }

  @GetMapping("/images/{id}/original")
  ResponseEntity<byte[]> original(@PathVariable long id) {
    ProductImage image = images.find(id);
    if (image == null) throw ApiException.notFound("image " + id);
    byte[] bytes;
    try {
      bytes = originals.read(image);
    } catch (FetchException e) {
      throw new ApiException(HttpStatus.BAD_GATEWAY, e.code(), e.getMessage());
    } catch (AssetStoreException e) {
      throw new ApiException(HttpStatus.BAD_GATEWAY, "dam_error", e.getMessage());
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
        .contentType(MediaType.parseMediaType(ImageSignature.mediaType(bytes))).body(bytes);
  }

  @GetMapping("/batch")
  List<RecentBatchesMapper.BatchSummary> recentBatches(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 200) throw ApiException.badRequest("limit must be 1..200, got " + limit);
    return batches.recent(limit);
  }
}
