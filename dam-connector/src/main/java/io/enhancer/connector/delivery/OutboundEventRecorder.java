package io.enhancer.connector.delivery;

import io.enhancer.connector.events.OutboundEvent;
import io.enhancer.webhooks.delivery.WebhookDispatcher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an outbound event as deliveries (one row per configured endpoint in {@code outbound_deliveries}, the
 * webhooks' own outbox) inside the transaction of the state change it reports: the marketplace hears of exactly the
 * changes that were committed, once each. The dispatcher is woken after the commit. The event's {@code data} gains
 * {@code image_id} and {@code occurred_at}.
 */
@Component
public class OutboundEventRecorder {
  private final WebhookDispatcher dispatcher;
  private final JsonMapper json;
  private final Clock clock;
  /** One instance: a transaction that records several events wakes the dispatcher once. */
  private final TransactionSynchronization dispatchAfterCommit;

  OutboundEventRecorder(WebhookDispatcher dispatcher, JsonMapper json, Clock clock) {
    this.dispatcher = dispatcher;
    this.json = json;
    this.clock = clock;
    this.dispatchAfterCommit = new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        dispatcher.dispatchSoon();
      }
    };
  }

  /** Call inside the transaction that makes the change; refuses outside one. */
  public void record(OutboundEvent event) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("outbound " + event.type() + " for image " + event.imageId()
          + " must be recorded in the transaction of the change it reports; none is active");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("image_id", event.imageId());
    data.putAll(event.data());
    data.put("occurred_at", event.occurredAt().toString());
    dispatcher.record(io.enhancer.webhooks.delivery.OutboundEvent.create(event.type(), json.writeValueAsString(data),
        clock));
    TransactionSynchronizationManager.registerSynchronization(dispatchAfterCommit);
  }
}
