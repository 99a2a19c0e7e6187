package io.enhancer.connector.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no KAFKA_BOOTSTRAP_SERVERS, starts a real single-node broker inside this JVM before any Kafka client is
 * built, points spring.kafka.bootstrap-servers at it, and stops it after the context has closed. The decision reads
 * only the connector's own setting: a {@code spring.kafka.bootstrap-servers} system property left behind by another
 * broker in the same JVM (spring-kafka-test sets one) must not make the service talk to that broker instead.
 */
public final class EmbeddedKafkaInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    String servers = env.getProperty("KAFKA_BOOTSTRAP_SERVERS", "");
    if (!servers.isBlank()) return;
    Path dataDir = Path.of(env.getProperty("enhancer.data-dir", "./data"));
    int port = env.getProperty("enhancer.embedded-kafka-port", Integer.class, 9092);
    EmbeddedKraftBroker broker = new EmbeddedKraftBroker(dataDir.resolve("kafka").toAbsolutePath(), port);
    try {
      broker.start();
    } catch (Exception e) {
      throw new IllegalStateException("could not start the embedded Kafka broker on port " + port
          + " (set KAFKA_BOOTSTRAP_SERVERS or ENHANCER_EMBEDDED_KAFKA_PORT)", e);
    }
    env.getPropertySources().addFirst(new MapPropertySource("embeddedKafka",
        Map.of("spring.kafka.bootstrap-servers", broker.bootstrapServers())));
    // Registered before every other bean, so destroyed after them: workers stop before the broker does.
    if (context.getBeanFactory() instanceof DefaultListableBeanFactory factory) {
      factory.registerSingleton("embeddedKraftBroker", broker);
      factory.registerDisposableBean("embeddedKraftBroker", broker::close);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
