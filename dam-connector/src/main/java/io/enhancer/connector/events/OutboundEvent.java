package io.enhancer.connector.events;

import java.time.Instant;
import java.util.Map;

/**
 * What the marketplace hears about: {@code rendition.ready}, {@code qc.approved}, {@code qc.rejected},
 * {@code job.failed}. Recorded by {@code delivery.OutboundEventRecorder} inside the transaction of the change it
 * reports; the webhooks module's dispatcher sends the signed deliveries once it has committed.
 */
public record OutboundEvent(String type, long imageId, Map<String, Object> data, Instant occurredAt) {
  public static final String RENDITION_READY = "rendition.ready";
  public static final String QC_APPROVED = "qc.approved";
  public static final String QC_REJECTED = "qc.rejected";
  public static final String JOB_FAILED = "job.failed";
}
