package io.enhancer.connector.jobs;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/batch")
@AllowedRoles(Role.INTEGRATION)
class BatchController {
  private final BatchService batches;

  BatchController(BatchService batches) {
    this.batches = batches;
  }

  /**
   * Body: {@code {"sku_id"|"product_group_id"|"image_ids": ..., "preset": "...", "mode": "auto",
   * "remove_background": true, ...}}; every other key is an enhancement option.
   */
  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    Map<String, Object> options = new HashMap<>(body);
    String skuId = text(options.remove("sku_id"));
    String groupId = text(options.remove("product_group_id"));
    String preset = text(options.remove("preset"));
    List<Long> ids = ids(options.remove("image_ids"));
    BatchJob batch = batches.create(skuId, groupId, ids, preset, options, null);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("job_id", batch.id(), "status", batch.status(), "total", batch.total()));
  }

  @GetMapping("/{jobId}")
  @AllowedRoles({Role.INTEGRATION, Role.REVIEWER})
  BatchService.Progress get(@PathVariable String jobId) {
    BatchService.Progress progress = batches.progress(jobId);
    if (progress == null) throw ApiException.notFound("batch " + jobId);
    return progress;
  }

  @PostMapping("/{jobId}/retry-failed")
  ResponseEntity<Map<String, Object>> retryFailed(@PathVariable String jobId) {
    int queued = batches.retryFailed(jobId);
    if (queued < 0) throw ApiException.notFound("batch " + jobId);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("job_id", jobId, "requeued", queued));
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static List<Long> ids(Object v) {
    if (v == null) return null;
    if (!(v instanceof List<?> list)) throw ApiException.badRequest("image_ids must be a list of numbers");
    return list.stream().map(o -> {
      if (o instanceof Number n) return n.longValue();
      throw ApiException.badRequest("image_ids must be a list of numbers, got '" + o + "'");
    }).toList();
  }
}
