package io.enhancer.connector.jobs;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes enhancement tasks (group enhancer-workers). Failures that retrying cannot fix are written to the image
 * here; others are thrown back to the container, which retries with backoff and then dead-letters
 * ({@link DeadLetterRecoverer}). The offset is committed only after the outcome is in the database. Every line
 * logged while a task runs carries its ids ({@link JobLogContext}); one INFO line tells how it ended.
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
    JobLogContext context = JobLogContext.open(task);
    boolean retrying = false;
    try {
      long start = System.nanoTime();
      try {
        TaskProcessor.Result result = processor.process(task);
        finished(task, result, millisSince(start));
      } catch (RuntimeException e) {
        Failure failure = Failure.of(e);
        if (failure.retryable()) {
          // a bug shows its stack trace; expected failures (origin down, database away) one line
          log.warn("task {} of image {}: attempt failed with a retryable error: {} ({})", task.taskId(), task.imageId(),
              failure.code(), failure.reason(), failure.code().equals("internal_error") ? e : null);
          retrying = true;
          throw e;
        }
        processor.fail(task, failure);
        log.atInfo().addKeyValue("outcome", "failed").addKeyValue("error_code", failure.code())
            .addKeyValue("duration_ms", millisSince(start))
            .log("task {} of image {}: FAILED {} ({}) in {} ms", task.taskId(), task.imageId(), failure.code(),
                failure.reason(), millisSince(start));
      }
      ack.acknowledge();
    } finally {
      // On a retry the error handler logs next on this thread: the fields stay until the retry or the give-up.
      if (!retrying) context.close();
    }
  }

  private static void finished(EnhancementTask task, TaskProcessor.Result result, long millis) {
    var line = log.atInfo().addKeyValue("outcome", result.outcome().name().toLowerCase())
        .addKeyValue("duration_ms", millis);
    if (result.outcome() == TaskProcessor.Outcome.COMPLETED) {
      line.addKeyValue("qc_score", result.qcScore()).addKeyValue("qc_status", result.qcStatus())
          .log("task {} of image {}: COMPLETED qc_score={} qc_status={} in {} ms", task.taskId(), task.imageId(),
              result.qcScore(), result.qcStatus(), millis);
    } else {
      line.log("task {} of image {}: {} (nothing to do) in {} ms", task.taskId(), task.imageId(), result.outcome(),
          millis);
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  EnhancementTask read(String value) {
    try {
      return json.readValue(value, EnhancementTask.class);
    } catch (RuntimeException e) {
      throw new Failure.UnreadableTask("message is not an enhancement task", e);
    }
  }
}
