package io.enhancer.connector.images;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.jobs.LiveStatus;
import io.enhancer.connector.jobs.LiveStatusStore;
import io.enhancer.connector.renditions.Rendition;
import io.enhancer.connector.renditions.RenditionMapper;
import io.enhancer.connector.review.ReviewLog;
import io.enhancer.connector.review.ReviewLogMapper;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@AllowedRoles({Role.REVIEWER, Role.INTEGRATION})
class ImageController {
  private final ImageMapper images;
  private final RenditionMapper renditions;
  private final ImageMetricsMapper metrics;
  private final ReviewLogMapper reviews;
  private final LiveStatusStore live;
  private final JsonMapper json;

  ImageController(ImageMapper images, RenditionMapper renditions, ImageMetricsMapper metrics, ReviewLogMapper reviews,
                  LiveStatusStore live, JsonMapper json) {
    this.images = images;
    this.renditions = renditions;
    this.metrics = metrics;
    this.reviews = reviews;
    this.live = live;
    this.json = json;
  }

  @GetMapping("/images")
  Page<ImageView> list(@RequestParam(name = "sku_id", required = false) String skuId,
                       @RequestParam(name = "product_group_id", required = false) String groupId,
                       @RequestParam(required = false) String status,
                       @RequestParam(name = "qc_status", required = false) String qcStatus,
                       @RequestParam(defaultValue = "50") int limit,
                       @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 500) throw ApiException.badRequest("limit must be 1..500, got " + limit);
    if (offset < 0) throw ApiException.badRequest("offset must be >= 0, got " + offset);
    if (status != null && !List.of("pending", "processing", "completed", "failed").contains(status)) {
      throw ApiException.badRequest("status must be pending|processing|completed|failed, got '" + status + "'");
    }
    if (qcStatus != null && !QcStatuses.ALL.contains(qcStatus)) {
      throw ApiException.badRequest("qc_status must be one of " + QcStatuses.ALL + ", got '" + qcStatus + "'");
    }
    ImageFilter filter = new ImageFilter(skuId, groupId, status, qcStatus, limit, offset);
    return new Page<>(images.search(filter).stream().map(ImageView::of).toList(), images.count(filter), limit, offset);
  }

  @GetMapping("/images/{id}")
  ImageDetail get(@PathVariable long id) {
    ProductImage image = images.find(id);
    if (image == null) throw ApiException.notFound("image " + id);
    List<MetricsView> metricViews = metrics.forImage(id).stream().map(m -> new MetricsView(m.renditionId(),
        Map.of("width", nz(m.widthBefore()), "height", nz(m.heightBefore()), "sharpness", nz(m.sharpnessBefore()),
            "noise", nz(m.noiseBefore()), "contrast", nz(m.contrastBefore())),
        Map.of("width", nz(m.widthAfter()), "height", nz(m.heightAfter()), "sharpness", nz(m.sharpnessAfter()),
            "noise", nz(m.noiseAfter()), "contrast", nz(m.contrastAfter())),
        m.processingMs(), m.reportJson() == null ? null : json.readTree(m.reportJson()))).toList();
    return new ImageDetail(ImageView.of(image), renditions.forImage(id), metricViews, reviews.forImage(id),
        live.get(id).orElse(null));
  }

  @GetMapping("/stats")
  Map<String, Object> stats() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("by_status", counts(images.countByStatus()));
    out.put("by_qc_status", counts(images.countByQcStatus()));
    out.put("failures_by_reason", counts(images.failuresByCode()));
    out.put("average_qc_score", images.averageQcScore());
    Map<String, Object> improvement = metrics.averageImprovement();
    out.put("average_improvement", improvement == null ? Map.of() : lowerKeys(improvement));
    return out;
  }

  private static Object nz(Object v) {
    return v == null ? 0 : v;
  }

  private static Map<String, Long> counts(List<Map<String, Object>> rows) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> r = lowerKeys(row);
      out.put(String.valueOf(r.get("k")), ((Number) r.get("n")).longValue());
    }
    return out;
  }

  private static Map<String, Object> lowerKeys(Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  record MetricsView(Long renditionId, Map<String, Object> before, Map<String, Object> after, Double processingMs,
                     JsonNode report) {}

  record ImageDetail(ImageView image, List<Rendition> renditions, List<MetricsView> metrics,
                     List<ReviewLog> reviewHistory, LiveStatus liveStatus) {}
}
