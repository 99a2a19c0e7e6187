package io.enhancer.connector.intake;

import io.enhancer.webhooks.intake.ProcessedEventStore;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Webhook idempotency in the webhook_events table: the primary key (source, event_id) makes the first insert win,
 * also across several API instances.
 */
@Component
class JdbcProcessedEventStore implements ProcessedEventStore {
  private final WebhookEventMapper mapper;

  JdbcProcessedEventStore(WebhookEventMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean recordIfNew(String source, String eventId, Instant receivedAt) {
    return mapper.insertIgnore(source, eventId, receivedAt) == 1;
  }

  @Override
  public void forget(String source, String eventId) {
    mapper.delete(source, eventId);
  }
}
