package io.enhancer.connector.deadletters;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.images.ImageMapper;
import io.enhancer.connector.images.ProductImage;
import io.enhancer.connector.jobs.BatchMapper;
import io.enhancer.connector.jobs.LiveStatus;
import io.enhancer.connector.jobs.LiveStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists the dead-letter topic and replays it: each record not yet handled goes back to the jobs topic with the same
 * key and value, after its image is put back to {@code pending} for that very task, so the worker runs it instead
 * of skipping it as already failed. An image that has moved on (a newer task, or no longer failed) is skipped, so
 * a replay never undoes newer work; the replay group's offsets make a second replay skip what the first handled.
 */
@Component
public class DeadLetterReplay {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
  private final DeadLetterReader topic;
  private final ImageMapper images;
  private final BatchMapper batches;
  private final LiveStatusStore live;
  private final KafkaTemplate<String, String> kafka;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;
  private final String jobsTopic;

  DeadLetterReplay(DeadLetterReader topic, ImageMapper images, BatchMapper batches, LiveStatusStore live,
                   KafkaTemplate<String, String> kafka, TransactionTemplate tx, JsonMapper json, Clock clock,
                   EnhancerProperties properties) {
    this.topic = topic;
    this.images = images;
    this.batches = batches;
    this.live = live;
    this.kafka = kafka;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
    this.jobsTopic = properties.jobs().topic();
  }

  /** The newest {@code limit} records kept, oldest first. */
  public List<DeadLetter> list(int limit) {
    if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
    List<DeadLetter> newest = new ArrayList<>();
    topic.scan(true, false, (record, handledBefore) -> {
      newest.add(DeadLetter.of(record, json, handledBefore));
      if (newest.size() > limit) newest.remove(0);
      return true;
    });
    return newest;
  }

  public ReplayReport replay(ReplayOptions options) {
    List<ReplayReport.Entry> replayed = new ArrayList<>();
    List<ReplayReport.Entry> skipped = new ArrayList<>();
    int[] read = {0};
    int[] filteredOut = {0};
    topic.scan(options.fromBeginning(), !options.dryRun(), (record, handledBefore) -> {
      read[0]++;
      if (!options.matches(record.key(), Instant.ofEpochMilli(record.timestamp()))) {
        filteredOut[0]++;
        return false;
      }
      DeadLetter letter = DeadLetter.of(record, json, handledBefore);
      String skip = replayOne(letter, record, options.dryRun());
      if (skip == null) {
        replayed.add(ReplayReport.Entry.of(letter, null));
      } else {
        skipped.add(ReplayReport.Entry.of(letter, skip));
      }
      return true;
    });
    return new ReplayReport(topic.name(), options.dryRun(), read[0], filteredOut[0], replayed, skipped);
  }

  /** Re-publishes one dead letter; returns why it was skipped, or null when it was (or, dry, would be) replayed. */
  private String replayOne(DeadLetter letter, ConsumerRecord<String, String> record, boolean dryRun) {
    if (letter.taskId() == null) return "not an enhancement task";
    ProductImage image = images.find(letter.imageId());
    if (image == null) return "image " + letter.imageId() + " no longer exists";
    if (!letter.taskId().equals(image.currentTaskId())) return "image has a newer task " + image.currentTaskId();
    if (!ProductImage.FAILED.equals(image.status())) return "image is " + image.status() + ", not failed";
    if (dryRun) return null;

    Instant now = clock.instant();
    Boolean requeued = tx.execute(status -> {
      if (images.requeueFailedTask(image.id(), letter.taskId(), now) == 0) return false;
      batches.requeueTask(letter.taskId(), now);
      return true;
    });
    if (!Boolean.TRUE.equals(requeued)) return "image changed during the replay";
    try {
      kafka.send(jobsTopic, record.key(), record.value()).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      restore(image, letter.taskId());
      throw new IllegalStateException("could not re-publish dead letter " + letter.partition() + ":"
          + letter.offset() + " to " + jobsTopic, e);
    }
    try {
      live.put(new LiveStatus(image.id(), letter.taskId(), "queued", null, "replayed from " + topic.name(), now));
    } catch (RuntimeException e) {
      // live status is a convenience; the database already says pending
    }
    log.atInfo().addKeyValue("image_id", image.id()).addKeyValue("task_id", letter.taskId())
        .log("dead letter {}:{} replayed: task {} of image {} is queued again ({})", letter.partition(),
            letter.offset(), letter.taskId(), image.id(), letter.failureCode());
    return null;
  }

  /** The image goes back to failed with its old reason when the message could not be re-sent. */
  private void restore(ProductImage image, String taskId) {
    Instant now = clock.instant();
    tx.executeWithoutResult(status -> {
      images.markFailed(image.id(), taskId, image.errorCode(), image.errorReason(), now);
      batches.finishItem(taskId, "failed", image.errorCode() + ": " + image.errorReason(), now);
    });
  }
}
