package io.enhancer.connector.config;

import io.enhancer.connector.jobs.LiveStatusStore;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Health of what the service depends on besides the database (which Boot checks itself): Kafka, live status, models. */
@Configuration(proxyBeanMethods = false)
class ServiceHealth {

  @Bean
  HealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
    return () -> {
      try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
        var cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        int nodes = cluster.nodes().get(4, TimeUnit.SECONDS).size();
        return Health.up().withDetail("brokers", nodes).build();
      } catch (Exception e) {
        return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
      }
    };
  }

  @Bean
  HealthIndicator liveStatusHealthIndicator(LiveStatusStore store, EnhancerProperties properties) {
    return () -> {
      String kind = properties.hasRedis() ? "redis" : "in-process";
      return (store.ping() ? Health.up() : Health.down()).withDetail("store", kind).build();
    };
  }

  @Bean
  HealthIndicator modelsHealthIndicator(EnhancerProperties properties) {
    return () -> {
      if (properties.modelsDir() == null) {
        return Health.up().withDetails(Map.of("models", "none configured: classical steps only")).build();
      }
      boolean present = Files.isDirectory(properties.modelsDir());
      return (present ? Health.up() : Health.down()).withDetail("models_dir", properties.modelsDir().toString()).build();
    };
  }
}
