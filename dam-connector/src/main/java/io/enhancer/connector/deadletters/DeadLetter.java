package io.enhancer.connector.deadletters;

import io.enhancer.connector.jobs.DeadLetterRecoverer;
import io.enhancer.connector.jobs.EnhancementTask;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record of the dead-letter topic as operators see it.
 *
 * @param imageId     null when the record is not an enhancement task
 * @param failureCode the {@code enhancer-failure-code} header, e.g. {@code fetch_failed}
 * @param message     the exception message Spring Kafka stored ({@code kafka_dlt-exception-message}), shortened
 * @param handled     an earlier replay has dealt with it (replayed or skipped)
 */
public record DeadLetter(int partition, long offset, Instant timestamp, String key, Long imageId, String taskId,
                         String failureCode, String message, boolean handled) {
  private static final int MESSAGE_LIMIT = 300;

  static DeadLetter of(ConsumerRecord<String, String> record, JsonMapper json, boolean handled) {
    EnhancementTask task = taskOrNull(record.value(), json);
    String message = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    // Spring wraps the cause: "Listener method '<signature>' threw exception; <our message>"
    if (message != null) message = message.replaceFirst("^Listener method '[^']*' threw exception; ", "");
    if (message != null && message.length() > MESSAGE_LIMIT) message = message.substring(0, MESSAGE_LIMIT) + "...";
    String code = header(record, DeadLetterRecoverer.FAILURE_CODE_HEADER);
    return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
        task == null ? null : task.imageId(), task == null ? null : task.taskId(), code == null ? "unknown" : code,
        message, handled);
  }

  private static EnhancementTask taskOrNull(String value, JsonMapper json) {
    if (value == null) return null;
    try {
      EnhancementTask task = json.readValue(value, EnhancementTask.class);
      return task.taskId() == null ? null : task;
    } catch (RuntimeException notATask) {
      return null;
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
