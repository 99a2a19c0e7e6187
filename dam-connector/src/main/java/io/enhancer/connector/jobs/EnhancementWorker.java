package io.enhancer.connector.jobs;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes enhancement tasks (group enhancer-workers). Failures that retrying cannot fix are written to the image
 * here; others are thrown back to the container, which retries with backoff and then dead-letters
 * ({@link JobsConfig}). The offset is committed only after the outcome is in the database.
 */
@Component
@ConditionalOnExpression("'${enhancer.role:serve}' == 'serve' or '${enhancer.role:serve}' == 'worker'")
class EnhancementWorker {
  private static final Logger log = LoggerFactory.getLogger(EnhancementWorker.class);
  private final TaskProcessor processor;
  private final JsonMapper json;

  EnhancementWorker(TaskProcessor processor, JsonMapper json) {
    this.processor = processor;
    this.json = json;
  }

  @KafkaListener(id = "enhancer-worker", topics = "${enhancer.jobs.topic:enhancer.jobs}",
      groupId = "${spring.kafka.consumer.group-id:enhancer-workers}")
  void onTask(ConsumerRecord<String, String> record, Acknowledgment ack) {
    EnhancementTask task = read(record.value());
    MDC.put("image_id", Long.toString(task.imageId()));
    MDC.put("task_id", task.taskId());
    try {
      TaskProcessor.Outcome outcome = processor.process(task);
      log.debug("task {} of image {}: {}", task.taskId(), task.imageId(), outcome);
    } catch (RuntimeException e) {
      Failure failure = Failure.of(e);
      if (failure.retryable()) throw e;
      log.info("image {} failed: {} ({})", task.imageId(), failure.code(), failure.reason());
      processor.fail(task, failure);
    } finally {
      MDC.remove("image_id");
      MDC.remove("task_id");
    }
    ack.acknowledge();
  }

  EnhancementTask read(String value) {
    try {
      return json.readValue(value, EnhancementTask.class);
    } catch (RuntimeException e) {
      throw new Failure.UnreadableTask("message is not an enhancement task", e);
    }
  }
}
