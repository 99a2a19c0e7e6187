package io.enhancer.connector.jobs;

import io.enhancer.connector.config.EnhancerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/** Topics, retries with backoff, the dead-letter topic, and the live-status store. */
@Configuration(proxyBeanMethods = false)
class JobsConfig {

  @Bean
  NewTopic jobsTopic(EnhancerProperties properties) {
    return TopicBuilder.name(properties.jobs().topic()).partitions(properties.jobs().partitions()).replicas(1).build();
  }

  /** Retention is applied to an existing topic too (spring.kafka.admin.modify-topic-configs). */
  @Bean
  NewTopic deadLetterTopic(EnhancerProperties properties) {
    return TopicBuilder.name(properties.jobs().deadLetterTopic()).partitions(1).replicas(1)
        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.jobs().deadLetterRetention().toMillis()))
        .build();
  }

  @Bean
  CommonErrorHandler jobErrorHandler(KafkaTemplate<Object, Object> template, TaskProcessor processor,
                                     EnhancerProperties properties, JsonMapper json, MeterRegistry meters) {
    DeadLetterRecoverer deadLetters = new DeadLetterRecoverer(template, properties.jobs().deadLetterTopic(), processor,
        json, meters);
    BackOff backOff = retryBackOff(properties.jobs().maxAttempts(), properties.jobs().initialBackoff());
    DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
    handler.addNotRetryableExceptions(Failure.UnreadableTask.class);
    handler.setCommitRecovered(true);
    // Each failed attempt is logged by the worker with the job's ids; the handler's own line would carry none.
    handler.setLogLevel(KafkaException.Level.DEBUG);
    return handler;
  }

  /**
   * Waits between the attempts at a task: doubling from the initial interval up to 2 minutes, maxAttempts in all.
   * One attempt gets a back-off that stops at once: Spring's ExponentialBackOffWithMaxRetries(0) still allows one
   * retry, which would run a task twice when the operator asked for once.
   */
  static BackOff retryBackOff(int maxAttempts, Duration initialInterval) {
    int retries = Math.max(0, maxAttempts - 1);
    if (retries == 0) return new FixedBackOff(0, 0);
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retries);
    backOff.setInitialInterval(initialInterval.toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(Duration.ofMinutes(2).toMillis());
    return backOff;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<?, ?> kafkaListenerContainerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory,
      CommonErrorHandler jobErrorHandler,
      @Value("${spring.lifecycle.timeout-per-shutdown-phase:60s}") Duration shutdownTimeout) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, consumerFactory);
    factory.setCommonErrorHandler(jobErrorHandler);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
    // Graceful shutdown: polling stops and the task in hand may finish (an enhancement can take tens of seconds)
    // within ENHANCER_SHUTDOWN_TIMEOUT, the same bound Spring gives the whole stop phase.
    factory.getContainerProperties().setShutdownTimeout(shutdownTimeout.toMillis());
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
