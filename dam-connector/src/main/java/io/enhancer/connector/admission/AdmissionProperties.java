package io.enhancer.connector.admission;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How many engine runs the process takes on at once, shared by real-time enhancement and the Kafka workers.
 * Environment names in application.yml: ENHANCER_ENGINE_SLOTS, ENHANCER_ENGINE_MEMORY_BUDGET, ...
 *
 * @param memoryBudget    native memory all running enhancements may hold together; default half of what the
 *                        machine has beyond the Java heap, at most 3 GB
 * @param bytesPerPixel   bytes one run adds to the process per source pixel: native frames, matte, model
 *                        tensors and upscaled copies, plus the Java arrays of analysis and QC; bench/burst.sh
 *                        measured about 110 B/px of resident growth per concurrent 28 MP run
 * @param baseBytes       native bytes a run holds whatever the image size (model workspaces, encoder buffers)
 * @param slots           engine runs at once; default the cores, fewer when the budget holds fewer 12 MP runs
 * @param queue           real-time requests that may wait for a slot; beyond them the answer is 503 at once
 * @param queueWait       how long a real-time request waits for a slot before it is answered 503
 * @param retryAfter      the Retry-After a refused request is given
 * @param collectAfter    a run reserving at least this much ends with a garbage collection, which frees the
 *                        native memory of OpenCV temporaries still waiting for theirs (0 = never)
 */
@ConfigurationProperties("enhancer.admission")
public record AdmissionProperties(DataSize memoryBudget, Integer bytesPerPixel, DataSize baseBytes, Integer slots,
                                  Integer queue, Duration queueWait, Duration retryAfter,
                                  DataSize collectAfter) {
  private static final long TYPICAL_PIXELS = 12_000_000L;

  public AdmissionProperties {
    bytesPerPixel = bytesPerPixel == null ? 100 : bytesPerPixel;
    if (bytesPerPixel < 1) throw new IllegalArgumentException("ENHANCER_ENGINE_BYTES_PER_PIXEL must be >= 1, got " + bytesPerPixel);
    baseBytes = baseBytes == null ? DataSize.ofMegabytes(128) : baseBytes;
    memoryBudget = memoryBudget == null ? defaultBudget() : memoryBudget;
    if (memoryBudget.toMegabytes() < 64) {
      throw new IllegalArgumentException("ENHANCER_ENGINE_MEMORY_BUDGET must be at least 64MB, got " + memoryBudget);
    }
    long typicalRun = baseBytes.toBytes() + TYPICAL_PIXELS * bytesPerPixel;
    slots = slots == null || slots == 0
        ? (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), memoryBudget.toBytes() / typicalRun))
        : slots;
    if (slots < 1 || slots > 256) throw new IllegalArgumentException("ENHANCER_ENGINE_SLOTS must be 1..256, got " + slots);
    queue = queue == null ? 2 * slots : queue;
    if (queue < 0) throw new IllegalArgumentException("ENHANCER_ENGINE_QUEUE must be >= 0, got " + queue);
    queueWait = queueWait == null ? Duration.ofSeconds(30) : queueWait;
    if (queueWait.isNegative()) throw new IllegalArgumentException("ENHANCER_ENGINE_QUEUE_WAIT must be >= 0, got " + queueWait);
    collectAfter = collectAfter == null ? DataSize.ofMegabytes(512) : collectAfter;
    retryAfter = retryAfter == null ? Duration.ofSeconds(15) : retryAfter;
    if (retryAfter.toSeconds() < 1) throw new IllegalArgumentException("ENHANCER_ENGINE_RETRY_AFTER must be >= 1s, got " + retryAfter);
  }

  /** The memory a run of an image with this many source pixels is counted for. */
  public long runBytes(long pixels) {
    return baseBytes.toBytes() + Math.max(0, pixels) * bytesPerPixel;
  }

  private static DataSize defaultBudget() {
    long physical = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
        .getTotalMemorySize();
    long beyondHeap = Math.max(0, physical - Runtime.getRuntime().maxMemory());
    return DataSize.ofBytes(Math.max(DataSize.ofMegabytes(512).toBytes(),
        Math.min(beyondHeap / 2, DataSize.ofGigabytes(3).toBytes())));
  }
}
