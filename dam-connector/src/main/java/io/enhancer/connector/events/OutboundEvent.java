package io.enhancer.connector.events;

import java.time.Instant;
import java.util.Map;

/**
 * What the marketplace hears about: {@code rendition.ready}, {@code qc.approved}, {@code qc.rejected},
 * {@code job.failed}. Published as a Spring event after the state is committed; the webhooks module's dispatcher
 * turns it into signed deliveries (wired by the integrator).
 */
public record OutboundEvent(String type, long imageId, Map<String, Object> data, Instant occurredAt) {
  public static final String RENDITION_READY = "rendition.ready";
  public static final String QC_APPROVED = "qc.approved";
  public static final String QC_REJECTED = "qc.rejected";
  public static final String JOB_FAILED = "job.failed";
}
