package io.enhancer.connector.review;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.delivery.OutboundEventRecorder;
import io.enhancer.connector.events.OutboundEvent;
import io.enhancer.connector.images.ImageFilter;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ImageView;
import io.enhancer.connector.images.Page;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.images.QcStatuses;
import io.enhancer.connector.jobs.JobPublisher;
import io.enhancer.connector.presets.OptionsResolver;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The human QC loop: the queue of images needing review, and decisions on them. */
@RestController
@RequestMapping("/api/v1/qc")
@AllowedRoles(Role.REVIEWER)
class QcController {
  private final ImageMapper images;
  private final ReviewLogMapper reviews;
  private final JobPublisher jobs;
  private final OptionsResolver options;
  private final Clock clock;
  private final OutboundEventRecorder events;
  private final TransactionTemplate tx;

  QcController(ImageMapper images, ReviewLogMapper reviews, JobPublisher jobs, OptionsResolver options, Clock clock,
               OutboundEventRecorder events, TransactionTemplate tx) {
    this.events = events;
    this.tx = tx;
    this.images = images;
    this.reviews = reviews;
    this.jobs = jobs;
    this.options = options;
    this.clock = clock;
  }

  @GetMapping("/pending")
  Page<ImageView> pending(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 500) throw ApiException.badRequest("limit must be 1..500, got " + limit);
    ImageFilter filter = new ImageFilter(null, null, ProductImage.COMPLETED, QcStatuses.NEEDS_REVIEW, limit,
        Math.max(0, offset));
    return new Page<>(images.search(filter).stream().map(ImageView::of).toList(), images.count(filter), limit, offset);
  }

  /**
   * Body: {@code {"status": "approved|rejected", "reviewer_id": "...", "notes": "...", "rework_preset": "..."}}.
   * A rejection with a rework preset (or rework options) queues the image again with those settings.
   */
  @PostMapping("/{imageId}/review")
  ReviewAnswer review(@PathVariable long imageId, @RequestBody ReviewRequest request) {
    if (request.status() == null || !(request.status().equals("approved") || request.status().equals("rejected"))) {
      throw ApiException.badRequest("status must be approved or rejected, got '" + request.status() + "'");
    }
    if (request.reviewerId() == null || request.reviewerId().isBlank()) {
      throw ApiException.badRequest("reviewer_id is required");
    }
    ProductImage image = images.find(imageId);
    if (image == null) throw ApiException.notFound("image " + imageId);
    if (!ProductImage.COMPLETED.equals(image.status())) {
      throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "not_reviewable",
          "image " + imageId + " is " + image.status() + "; only completed images can be reviewed");
    }
    boolean rework = request.status().equals("rejected")
        && (request.reworkPreset() != null || (request.reworkOptions() != null && !request.reworkOptions().isEmpty()));
    if (rework) options.resolve(request.reworkPreset(), image.skuId(), image.productGroupId(), request.reworkOptions());

    // The decision, the rework task (an outbox row) and the outbound event commit together or not at all.
    String taskId = tx.execute(status -> {
      reviews.insert(new ReviewLog(null, imageId, request.reviewerId(), request.status(), image.qcStatus(),
          request.reworkPreset(), request.notes(), clock.instant()));
      images.setQcStatus(imageId, request.status(), clock.instant());
      String queued = !rework ? null : jobs.enqueue(imageId, null, request.reworkPreset(),
          request.reworkOptions() == null ? Map.of() : Map.copyOf(request.reworkOptions())).taskId();
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("asset_id", image.assetId());
      data.put("sku_id", image.skuId());
      data.put("reviewer_id", request.reviewerId());
      data.put("rendition_id", image.selectedRenditionId());
      data.put("rework_queued", rework);
      events.record(new OutboundEvent(request.status().equals("approved") ? OutboundEvent.QC_APPROVED
          : OutboundEvent.QC_REJECTED, imageId, data, clock.instant()));
      return queued;
    });
    return new ReviewAnswer(imageId, request.status(), rework, taskId);
  }

  record ReviewRequest(String status, String reviewerId, String notes, String reworkPreset,
                       Map<String, Object> reworkOptions) {}

  record ReviewAnswer(long imageId, String qcStatus, boolean reworkQueued, String taskId) {}
}
