package io.enhancer.connector.intake;

import io.enhancer.webhooks.intake.IntakeObserver;
import io.enhancer.webhooks.intake.RequestOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code enhancer_webhook_requests_total{source,outcome}}: how every webhook request ended, as the intake reports
 * it. Sources are the configured names (or {@code unknown}), so the label set stays small.
 */
@Component
class WebhookMetrics implements IntakeObserver {
  private final MeterRegistry registry;

  WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void requestHandled(String source, RequestOutcome outcome) {
    Counter.builder("enhancer.webhook.requests").description("webhook requests by source and how they ended")
        .tag("source", source).tag("outcome", outcome.label()).register(registry).increment();
  }
}
