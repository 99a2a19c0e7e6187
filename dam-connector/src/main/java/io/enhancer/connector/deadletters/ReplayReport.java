package io.enhancer.connector.deadletters;

import java.util.List;

/**
 * What a replay did.
 *
 * @param read        records read from the dead-letter topic
 * @param filteredOut records that did not match --since/--key; they stay for a later replay
 * @param replayed    re-published to the jobs topic (with {@code dryRun}: would have been)
 * @param skipped     dealt with without re-publishing, each with the reason (the image moved on, ...)
 */
public record ReplayReport(String topic, boolean dryRun, int read, int filteredOut, List<Entry> replayed,
                           List<Entry> skipped) {
  public ReplayReport {
    replayed = List.copyOf(replayed);
    skipped = List.copyOf(skipped);
  }

  /** One dead letter and, when skipped, why. */
  public record Entry(int partition, long offset, String key, Long imageId, String taskId, String failureCode,
                      String note) {
    static Entry of(DeadLetter letter, String note) {
      return new Entry(letter.partition(), letter.offset(), letter.key(), letter.imageId(), letter.taskId(),
          letter.failureCode(), note);
    }
  }
}
