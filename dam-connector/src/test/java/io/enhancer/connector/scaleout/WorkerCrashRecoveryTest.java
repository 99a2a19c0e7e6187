package io.enhancer.connector.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.connector.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Scale-out on real processes: an external KRaft broker, MariaDB, Redis, one api JVM and two worker JVMs in the
 * consumer group. A batch is shared by both workers; one is killed hard (SIGKILL) in the middle, its partitions
 * move to the other and every image still ends with exactly one rendition; restarted, it rejoins and takes work.
 * Takes about 70 s on a quiet two-core machine (two to four minutes on a busy one); part of the default suite, skip
 * it locally with {@code -Denhancer.scaleout=false}.
 */
@DisabledIfSystemProperty(named = "enhancer.scaleout", matches = "false")
class WorkerCrashRecoveryTest {
  static final int PARTITIONS = 4;
  static final int FIRST_BATCH = 24;
  static final int SECOND_BATCH = 12;
  // Small iconic photos (198 px) standardised onto a small canvas: a few hundred ms per image.
  static final Map<String, Object> FAST = Map.of("mode", "optimize", "remove_background", false, "canvas", "640x640");
  static ScaleOutCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    Path work = Files.createTempDirectory("enhancer-scaleout");
    List<String> workerJvm = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    cluster = ScaleOutCluster.start(work, new ScaleOutCluster.Settings(PARTITIONS, workerJvm, null, Map.of()));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) cluster.close();
  }

  @Test
  void hardKilledWorkerHandsItsPartitionsOverAndEveryImageCompletesExactlyOnce() throws Exception {
    List<Path> photos = sortedPhotos(FIRST_BATCH + SECOND_BATCH);
    assertThat(photos).as("GroceryStore iconic photos in ../shared").hasSize(FIRST_BATCH + SECOND_BATCH);

    ConnectorProcess worker1 = cluster.startWorker("worker-1", "worker-1");
    ConnectorProcess worker2 = cluster.startWorker("worker-2", "worker-2");
    worker1.awaitHealthy(Duration.ofMinutes(3));
    worker2.awaitHealthy(Duration.ofMinutes(3));
    Map<String, Set<Integer>> before = cluster.awaitAssignment(List.of("worker-1", "worker-2"), Duration.ofMinutes(1));
    Set<Integer> worker1Partitions = ScaleOutCluster.partitionsOf(before, "worker-1");
    assertThat(worker1Partitions).hasSize(PARTITIONS / 2);

    // ---- first batch, shared by both workers; worker-1 is killed after its third image
    List<Long> first = cluster.importImages("b1", photos.subList(0, FIRST_BATCH));
    String firstJob = cluster.enhance(first, FAST);
    awaitUntil(Duration.ofMinutes(2), "worker-1 completing 3 images", () -> worker1.completedImages().size() >= 3);
    worker1.killHard();
    int finishedAtKill = cluster.finishedItems(firstJob);
    List<Long> doneByWorker1 = worker1.completedImages();
    List<Long> worker1Share = first.stream().filter(id -> worker1Partitions.contains(cluster.partitionOf(id))).toList();
    assertThat(finishedAtKill).as("the batch was still running when worker-1 died").isLessThan(FIRST_BATCH);
    assertThat(doneByWorker1).as("worker-1 left images of its partitions unfinished")
        .hasSizeLessThan(worker1Share.size());

    Map<String, Set<Integer>> afterKill = cluster.awaitAssignment(List.of("worker-2"), Duration.ofMinutes(1));
    assertThat(ScaleOutCluster.partitionsOf(afterKill, "worker-2")).hasSize(PARTITIONS);
    awaitUntil(Duration.ofMinutes(2), "first batch finished", () -> cluster.finishedItems(firstJob) == FIRST_BATCH);

    assertThat(cluster.failedItems(firstJob)).isZero();
    Map<Long, String> statuses = cluster.imageStatuses();
    assertThat(first).allSatisfy(id -> assertThat(statuses.get(id)).isEqualTo("completed"));
    Map<Long, Integer> renditions = cluster.renditionsPerImage();
    assertThat(first).allSatisfy(id -> assertThat(renditions.get(id)).as("renditions of image " + id).isEqualTo(1));
    assertThat(cluster.renditionFilesPerAsset().values()).hasSize(FIRST_BATCH).allMatch(n -> n == 1);

    List<Long> doneByWorker2 = worker2.completedImages();
    assertThat(doneByWorker1).as("worker-1 did part of the batch").isNotEmpty();
    assertThat(doneByWorker2).as("worker-2 did part of the batch").isNotEmpty();
    assertThat(new HashSet<>(doneByWorker2)).as("no image completed by both").doesNotContainAnyElementsOf(doneByWorker1);
    assertThat(doneByWorker2).as("no image completed twice by worker-2").doesNotHaveDuplicates();
    List<Long> takenOver = doneByWorker2.stream().filter(worker1Share::contains).toList();
    assertThat(takenOver).as("worker-2 finished images of worker-1's partitions").isNotEmpty();
    // Every image of the batch was completed by one of the two (worker-1 may die between commit and log line).
    Set<Long> logged = new HashSet<>(doneByWorker1);
    logged.addAll(doneByWorker2);
    assertThat(first.stream().filter(id -> !logged.contains(id)).count()).isLessThanOrEqualTo(1);

    // ---- worker-1 restarted: it rejoins the group and takes part of a second batch
    ConnectorProcess restarted = cluster.startWorker("worker-1", "worker-1-restarted");
    restarted.awaitHealthy(Duration.ofMinutes(3));
    Map<String, Set<Integer>> rejoined = cluster.awaitAssignment(List.of("worker-1", "worker-2"), Duration.ofMinutes(1));
    Set<Integer> restartedPartitions = ScaleOutCluster.partitionsOf(rejoined, "worker-1");
    assertThat(restartedPartitions).isNotEmpty();

    List<Long> second = cluster.importImages("b2", photos.subList(FIRST_BATCH, FIRST_BATCH + SECOND_BATCH));
    assertThat(second.stream().filter(id -> restartedPartitions.contains(cluster.partitionOf(id))))
        .as("precondition: some second-batch images hash to the rejoined worker's partitions").isNotEmpty();
    String secondJob = cluster.enhance(second, FAST);
    awaitUntil(Duration.ofMinutes(2), "second batch finished", () -> cluster.finishedItems(secondJob) == SECOND_BATCH);

    assertThat(cluster.failedItems(secondJob)).isZero();
    assertThat(restarted.completedImages()).as("the restarted worker processed part of the second batch")
        .isNotEmpty().allMatch(second::contains);
    Map<Long, Integer> allRenditions = cluster.renditionsPerImage();
    assertThat(second).allSatisfy(id -> assertThat(allRenditions.get(id)).isEqualTo(1));
    assertThat(allRenditions.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(FIRST_BATCH + SECOND_BATCH);

    System.out.printf("scale-out: worker-1 did %d of batch 1 before SIGKILL (its share %d), worker-2 %d (%d taken over);"
            + " %d finished at the kill; batch 2: restarted worker-1 %d, worker-2 %d; mean engine time %.0f ms%n",
        doneByWorker1.size(), worker1Share.size(), doneByWorker2.size(), takenOver.size(), finishedAtKill,
        restarted.completedImages().size(), worker2.completedImages().size() - doneByWorker2.size(),
        cluster.meanProcessingMs(firstJob));
  }

  private static List<Path> sortedPhotos(int n) throws Exception {
    try (var files = Files.list(TestInfra.shared().resolve("datasets/products-GroceryStore/iconic"))) {
      return files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(n).collect(Collectors.toCollection(ArrayList::new));
    }
  }

  interface Probe {
    boolean holds() throws Exception;
  }

  private static void awaitUntil(Duration timeout, String what, Probe probe) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!probe.holds()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      Thread.sleep(100);
    }
  }
}
