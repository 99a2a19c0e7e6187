package io.enhancer.connector.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The give-up path, run by the container's error handler on the consumer thread: a task whose last attempt failed
 * with a retryable error (or a message that is no task at all) is marked failed on its image, published to the
 * dead-letter topic with its failure code in the {@value #FAILURE_CODE_HEADER} header, and counted in
 * {@code enhancer_dead_letters_total{reason}}. Its lines carry the job's log fields like the worker's.
 */
public final class DeadLetterRecoverer implements ConsumerRecordRecoverer {
  /** The {@link Failure#code()} of a dead letter (Spring adds the exception message and class as its own headers). */
  public static final String FAILURE_CODE_HEADER = "enhancer-failure-code";
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);
  private final DeadLetterPublishingRecoverer publisher;
  private final TaskProcessor processor;
  private final JsonMapper json;
  private final MeterRegistry meters;

  DeadLetterRecoverer(KafkaOperations<?, ?> kafka, String deadLetterTopic, TaskProcessor processor, JsonMapper json,
                      MeterRegistry meters) {
    this.publisher = new DeadLetterPublishingRecoverer(kafka, (record, ex) -> new TopicPartition(deadLetterTopic, -1));
    this.publisher.setHeadersFunction((record, ex) -> new RecordHeaders().add(FAILURE_CODE_HEADER,
        Failure.of(ex).code().getBytes(StandardCharsets.UTF_8)));
    this.processor = processor;
    this.json = json;
    this.meters = meters;
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception ex) {
    Failure failure = Failure.of(ex);
    EnhancementTask task = taskOrNull(record.value());
    try (JobLogContext context = task == null ? null : JobLogContext.open(task)) {
      if (task == null) {
        log.warn("message with key {} is not a task: dead-lettered ({})", record.key(), failure.reason());
      } else {
        log.warn("task {} of image {}: gave up after retries, dead-lettered: {} ({})", task.taskId(),
            task.imageId(), failure.code(), failure.reason());
        processor.fail(task, new Failure(failure.code(), "gave up after retries: " + failure.reason(), false));
      }
      publisher.accept(record, ex);
      Counter.builder("enhancer.dead.letters").description("records sent to the dead-letter topic, by failure code")
          .tag("reason", failure.code()).register(meters).increment();
    }
  }

  private EnhancementTask taskOrNull(Object value) {
    try {
      return json.readValue(String.valueOf(value), EnhancementTask.class);
    } catch (RuntimeException unreadable) {
      return null; // not a task: nothing to mark, the dead-letter topic keeps it
    }
  }
}
