package io.enhancer.connector.delivery;

import io.enhancer.connector.events.OutboundEvent;
import io.enhancer.webhooks.delivery.WebhookDispatcher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the connector's outbound events (published after their state is committed) into persisted deliveries, one
 * per configured endpoint; the dispatcher sends them. The event's {@code data} gains {@code image_id} and
 * {@code occurred_at}.
 */
@Component
class OutboundEventRelay {
  private static final Logger log = LoggerFactory.getLogger(OutboundEventRelay.class);
  private final WebhookDispatcher dispatcher;
  private final JsonMapper json;
  private final Clock clock;

  OutboundEventRelay(WebhookDispatcher dispatcher, JsonMapper json, Clock clock) {
    this.dispatcher = dispatcher;
    this.json = json;
    this.clock = clock;
  }

  @EventListener
  void on(OutboundEvent event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("image_id", event.imageId());
    data.putAll(event.data());
    data.put("occurred_at", event.occurredAt().toString());
    try {
      dispatcher.enqueue(io.enhancer.webhooks.delivery.OutboundEvent.create(event.type(), json.writeValueAsString(data),
          clock));
    } catch (RuntimeException e) {
      // The image's state is committed either way; a lost notification must not fail the job that caused it.
      log.warn("could not queue outbound {} for image {}: {}", event.type(), event.imageId(), e.toString());
    }
  }
}
