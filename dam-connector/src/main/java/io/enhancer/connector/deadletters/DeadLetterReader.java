package io.enhancer.connector.deadletters;

import io.enhancer.connector.config.EnhancerProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the dead-letter topic. The consumer group {@value #REPLAY_GROUP} remembers, per partition, how far replays
 * have dealt with it; partitions are assigned, not subscribed, so reading never joins or rebalances a group.
 */
@Component
public class DeadLetterReader {
  public static final String REPLAY_GROUP = "enhancer-dlt-replay";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration SCAN_TIMEOUT = Duration.ofMinutes(2);
  private final ConsumerFactory<?, ?> consumers;
  private final String topic;

  DeadLetterReader(ConsumerFactory<?, ?> consumers, EnhancerProperties properties) {
    this.consumers = consumers;
    this.topic = properties.jobs().deadLetterTopic();
  }

  public String name() {
    return topic;
  }

  /** Decides about one record; true when it is dealt with, so the group may move past it. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(ConsumerRecord<String, String> record, boolean handledBefore);
  }

  /**
   * Visits the records from the group's committed offsets (or from the oldest kept, with {@code fromBeginning}) up
   * to the end as it is when the scan starts. With {@code commit}, the group then moves past the records the
   * visitor dealt with, on each partition up to the first one it did not (that one stays for a later replay).
   */
  void scan(boolean fromBeginning, boolean commit, Visitor visitor) {
    Properties overrides = new Properties();
    overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (Consumer<String, String> consumer = open(overrides)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, CALL_TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      if (partitions.isEmpty()) return;
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CALL_TIMEOUT);
      Map<TopicPartition, Long> oldest = consumer.beginningOffsets(partitions, CALL_TIMEOUT);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), CALL_TIMEOUT);
      Map<TopicPartition, Long> handledUpTo = new HashMap<>();
      Set<TopicPartition> open = new HashSet<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata done = committed.get(tp);
        long doneUpTo = done == null ? oldest.get(tp) : Math.max(done.offset(), oldest.get(tp));
        handledUpTo.put(tp, doneUpTo);
        long start = fromBeginning ? oldest.get(tp) : doneUpTo;
        consumer.seek(tp, start);
        if (start < end.get(tp)) open.add(tp);
      }
      Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
      Set<TopicPartition> stopped = new HashSet<>();
      long deadline = System.nanoTime() + SCAN_TIMEOUT.toNanos();
      try {
        while (!open.isEmpty()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("reading " + topic + " took longer than " + SCAN_TIMEOUT);
          }
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (record.offset() >= end.get(tp)) continue;
            boolean handledBefore = record.offset() < handledUpTo.get(tp);
            boolean dealtWith = visitor.visit(record, handledBefore);
            if (handledBefore) continue; // the group is past it already; it never moves back
            if (!dealtWith) stopped.add(tp);
            if (!stopped.contains(tp)) toCommit.put(tp, new OffsetAndMetadata(record.offset() + 1));
          }
          open.removeIf(tp -> consumer.position(tp, CALL_TIMEOUT) >= end.get(tp));
        }
      } finally {
        if (commit && !toCommit.isEmpty()) consumer.commitSync(toCommit, CALL_TIMEOUT);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Consumer<String, String> open(Properties overrides) {
    return (Consumer<String, String>) consumers.createConsumer(REPLAY_GROUP, "enhancer-dlt", null, overrides);
  }
}
