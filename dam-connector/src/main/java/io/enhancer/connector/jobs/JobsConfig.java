package io.enhancer.connector.jobs;

import io.enhancer.connector.config.EnhancerProperties;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import tools.jackson.databind.json.JsonMapper;

/** Topics, retries with backoff, the dead-letter topic, and the live-status store. */
@Configuration(proxyBeanMethods = false)
class JobsConfig {
  private static final Logger log = LoggerFactory.getLogger(JobsConfig.class);

  @Bean
  NewTopic jobsTopic(EnhancerProperties properties) {
    return TopicBuilder.name(properties.jobs().topic()).partitions(properties.jobs().partitions()).replicas(1).build();
  }

  @Bean
  NewTopic deadLetterTopic(EnhancerProperties properties) {
    return TopicBuilder.name(properties.jobs().deadLetterTopic()).partitions(1).replicas(1).build();
  }

  @Bean
  CommonErrorHandler jobErrorHandler(KafkaTemplate<Object, Object> template, TaskProcessor processor,
                                     EnhancerProperties properties, JsonMapper json) {
    String dlt = properties.jobs().deadLetterTopic();
    DeadLetterPublishingRecoverer deadLetters =
        new DeadLetterPublishingRecoverer(template, (record, ex) -> new TopicPartition(dlt, -1));
    ExponentialBackOffWithMaxRetries backOff =
        new ExponentialBackOffWithMaxRetries(Math.max(0, properties.jobs().maxAttempts() - 1));
    backOff.setInitialInterval(properties.jobs().initialBackoff().toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(Duration.ofMinutes(2).toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
      Failure failure = Failure.of(ex);
      log.warn("task on {} gave up after retries: {} ({})", record.key(), failure.code(), failure.reason());
      try {
        EnhancementTask task = json.readValue(String.valueOf(record.value()), EnhancementTask.class);
        processor.fail(task, new Failure(failure.code(), "gave up after retries: " + failure.reason(), false));
      } catch (RuntimeException unreadable) {
        // Not a task at all: nothing to mark, the dead-letter topic keeps it.
      }
      deadLetters.accept(record, ex);
    }, backOff);
    handler.addNotRetryableExceptions(Failure.UnreadableTask.class);
    handler.setCommitRecovered(true);
    return handler;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
      CommonErrorHandler jobErrorHandler) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, consumerFactory);
    factory.setCommonErrorHandler(jobErrorHandler);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
    // Graceful shutdown: let the task in hand finish (an enhancement can take tens of seconds).
    factory.getContainerProperties().setShutdownTimeout(Duration.ofSeconds(60).toMillis());
    return factory;
  }

  @Bean
  LiveStatusStore liveStatusStore(EnhancerProperties properties, JsonMapper json, Clock clock) {
    if (properties.hasRedis()) {
      return new RedisLiveStatusStore(properties.redisUrl(), properties.redisKeyPrefix(),
          properties.jobs().liveStatusTtl(), json);
    }
    return new InProcessLiveStatusStore(properties.jobs().liveStatusTtl(), clock);
  }
}
