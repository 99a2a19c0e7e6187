package io.enhancer.connector.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.enhancer.webhooks.delivery.AttemptOutcome;
import io.enhancer.webhooks.delivery.DeliveryKey;
import java.time.Instant;

/**
 * One delivery as the admin API lists it: where it goes, where it stands, and how its latest attempt went.
 *
 * @param id         the row id the API's paths use
 * @param deliveryId what the receiver deduplicates on ({@code X-Enhancer-Delivery}); shared by every endpoint
 * @param targetUrl  the endpoint's URL when the delivery was created
 * @param status     pending, delivered or dead
 * @param attempts   attempts of the current schedule (a redelivery starts a new one)
 */
public record DeliverySummary(String id, String deliveryId, String eventType, String endpoint, String targetUrl,
                              String status, int attempts, Instant nextAttemptAt, Integer lastStatusCode,
                              Long lastLatencyMs, String lastOutcome, String lastResponseExcerpt,
                              Instant lastAttemptAt, Instant createdAt, Instant updatedAt,
                              @JsonIgnore String payloadJson) {

  /** What went wrong with the latest attempt, in a line; null when it was delivered or nothing was tried yet. */
  @JsonProperty
  public String lastError() {
    if (lastOutcome == null || lastOutcome.equals(outcome(AttemptOutcome.DELIVERED))) return null;
    String excerpt = lastResponseExcerpt == null ? "" : lastResponseExcerpt.strip();
    if (excerpt.length() > 120) excerpt = excerpt.substring(0, 120) + "…";
    String head = lastOutcome.equals(outcome(AttemptOutcome.HTTP_ERROR)) ? "HTTP " + lastStatusCode
        : lastOutcome.replace('_', ' ');
    return excerpt.isEmpty() ? head : head + ": " + excerpt;
  }

  /** Outcomes as the API spells them: {@code delivered}, {@code http_error}, {@code timeout}, ... */
  static String outcome(AttemptOutcome outcome) {
    return outcome.name().toLowerCase(java.util.Locale.ROOT);
  }

  @JsonIgnore
  public DeliveryKey key() {
    return new DeliveryKey(deliveryId, endpoint);
  }
}
