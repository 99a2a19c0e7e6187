package io.enhancer.connector.delivery;

import io.enhancer.webhooks.delivery.DeliveryConfig;
import io.enhancer.webhooks.delivery.WebhookDispatcher;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbound webhooks: deliveries persisted in the database, sent by the webhooks module's dispatcher. Every process
 * but the import command polls for due deliveries; the store's claim keeps two processes from sending one attempt.
 */
@Configuration(proxyBeanMethods = false)
class OutboundDeliveryConfig {

  @Bean
  DeliveryConfig deliveryConfig(OutboundProperties properties) {
    return properties.deliveryConfig();
  }

  @Bean
  JdbcDeliveryStore deliveryStore(DataSource dataSource, DeliveryConfig config) {
    return new JdbcDeliveryStore(dataSource, name -> config.endpoint(name).map(e -> e.url().toString()).orElse(null));
  }

  @Bean(destroyMethod = "close")
  WebhookDispatcher webhookDispatcher(DeliveryConfig config, JdbcDeliveryStore store, Clock clock) {
    return new WebhookDispatcher(config, store, clock);
  }

  @Bean
  @ConditionalOnExpression("'${enhancer.role:serve}' != 'cli'")
  DeliveryPolling deliveryPolling(WebhookDispatcher dispatcher) {
    return new DeliveryPolling(dispatcher);
  }

  /** Starts the dispatcher's poller once the context (and the schema) is ready; stops it before the pool closes. */
  static final class DeliveryPolling implements SmartLifecycle {
    private final WebhookDispatcher dispatcher;
    private volatile boolean running;

    DeliveryPolling(WebhookDispatcher dispatcher) {
      this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
      dispatcher.start();
      running = true;
    }

    @Override
    public void stop() {
      dispatcher.close();
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    /**
     * Stops after the Kafka listeners (Integer.MAX_VALUE - 100) and the web server's graceful drain
     * (Integer.MAX_VALUE - 1024): the task a worker finishes on SIGTERM, or a request still running, can still
     * hand its event to the dispatcher.
     */
    @Override
    public int getPhase() {
      return Integer.MAX_VALUE - 2048;
    }
  }
}
