package io.enhancer.connector.delivery;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.images.Page;
import io.enhancer.connector.security.AllowedRoles;
import io.enhancer.connector.security.Role;
import io.enhancer.webhooks.delivery.DeliveryAttempt;
import io.enhancer.webhooks.delivery.DeliveryState;
import io.enhancer.webhooks.delivery.WebhookDispatcher;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Outbound webhook deliveries for operators: list, one with its attempts, manual redelivery (admin). */
@RestController
@RequestMapping("/api/v1/webhooks/deliveries")
@AllowedRoles(Role.INTEGRATION)
class DeliveryController {
  private final JdbcDeliveryStore store;
  private final WebhookDispatcher dispatcher;
  private final JsonMapper json;

  DeliveryController(JdbcDeliveryStore store, WebhookDispatcher dispatcher, JsonMapper json) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.json = json;
  }

  @GetMapping
  Page<DeliverySummary> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset,
                             @RequestParam(required = false) String status) {
    if (limit < 1 || limit > 500) throw ApiException.badRequest("limit must be 1..500, got " + limit);
    if (offset < 0) throw ApiException.badRequest("offset must be >= 0, got " + offset);
    DeliveryState state = status == null || status.isBlank() ? null : parseState(status);
    return new Page<>(store.page(state, limit, offset), store.count(state), limit, offset);
  }

  @GetMapping("/{id}")
  DeliveryDetail get(@PathVariable String id) {
    return store.inOneSnapshot(() -> {
      DeliverySummary delivery = find(id);
      return new DeliveryDetail(delivery, json.readTree(delivery.payloadJson()),
          store.attempts(delivery.key()).stream().map(AttemptView::of).toList());
    });
  }

  /** A dead (or delivered) delivery gets a fresh schedule, due now; the receiver sees the same delivery id. */
  @PostMapping("/{id}/redeliver")
  @AllowedRoles({})
  ResponseEntity<DeliverySummary> redeliver(@PathVariable String id) {
    DeliverySummary delivery = find(id);
    if (!dispatcher.redeliver(delivery.key())) {
      throw new ApiException(HttpStatus.CONFLICT, "already_pending", "delivery " + id + " is already waiting to be sent");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(find(id));
  }

  private DeliverySummary find(String id) {
    return store.summary(id).orElseThrow(() -> ApiException.notFound("delivery " + id));
  }

  private static DeliveryState parseState(String status) {
    try {
      return JdbcDeliveryStore.state(status.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("status must be one of " + Arrays.stream(DeliveryState.values())
          .map(JdbcDeliveryStore::status).toList() + ", got '" + status + "'");
    }
  }

  /** A delivery, the event's {@code data} as sent, and every attempt oldest first (across redeliveries). */
  record DeliveryDetail(DeliverySummary delivery, JsonNode data, List<AttemptView> attempts) {}

  /** One attempt: number within its schedule, when, how long, how it ended. */
  record AttemptView(int number, Instant startedAt, long latencyMs, String outcome, Integer httpStatus,
                     String responseExcerpt) {
    static AttemptView of(DeliveryAttempt attempt) {
      return new AttemptView(attempt.number(), attempt.startedAt(), attempt.latency().toMillis(),
          DeliverySummary.outcome(attempt.outcome()), attempt.httpStatus() == 0 ? null
          : attempt.httpStatus(), attempt.responseExcerpt());
    }
  }
}
