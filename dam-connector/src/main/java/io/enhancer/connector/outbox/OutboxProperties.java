package io.enhancer.connector.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How pending outbox rows reach Kafka (application.yml maps the environment names).
 *
 * @param batchSize    ENHANCER_OUTBOX_BATCH_SIZE (500): rows read and published per pass
 * @param poll         ENHANCER_OUTBOX_POLL (1s): how often pending rows are looked for when no commit in this
 *                     process announced one (rows other processes wrote, rows waiting for their retry)
 * @param lease        ENHANCER_OUTBOX_LEASE (60s): how long the publishing process holds the relay without
 *                     renewing it; after a crash another process takes over once it has expired. At least twice
 *                     the send timeout, so a pass never outlives the lease
 * @param sendTimeout  ENHANCER_OUTBOX_SEND_TIMEOUT (20s): how long a pass waits for the broker's acks; rows not
 *                     acked by then stay pending and go again (a duplicate at worst, which consumers ignore)
 * @param retryInitial ENHANCER_OUTBOX_RETRY_INITIAL (500ms): first wait after the broker was unreachable or refused
 *                     a row, doubling up to retryMax
 * @param retryMax     ENHANCER_OUTBOX_RETRY_MAX (30s): longest wait between attempts
 * @param maxAttempts  ENHANCER_OUTBOX_MAX_ATTEMPTS (10): refusals (record too large, topic not allowed, ...) before
 *                     a row is dead; an unreachable broker costs no attempt, rows wait for it
 * @param keepSent     ENHANCER_OUTBOX_KEEP_SENT (1h): sent rows are deleted after this
 * @param drainOnStop  ENHANCER_OUTBOX_DRAIN_ON_STOP (10s): on shutdown, how long pending rows may still be published
 */
@ConfigurationProperties("enhancer.outbox")
public record OutboxProperties(Integer batchSize, Duration poll, Duration lease, Duration sendTimeout,
                               Duration retryInitial, Duration retryMax, Integer maxAttempts, Duration keepSent,
                               Duration drainOnStop) {

  public OutboxProperties {
    batchSize = batchSize == null ? 500 : batchSize;
    poll = poll == null ? Duration.ofSeconds(1) : poll;
    lease = lease == null ? Duration.ofSeconds(60) : lease;
    sendTimeout = sendTimeout == null ? Duration.ofSeconds(20) : sendTimeout;
    retryInitial = retryInitial == null ? Duration.ofMillis(500) : retryInitial;
    retryMax = retryMax == null ? Duration.ofSeconds(30) : retryMax;
    maxAttempts = maxAttempts == null ? 10 : maxAttempts;
    keepSent = keepSent == null ? Duration.ofHours(1) : keepSent;
    drainOnStop = drainOnStop == null ? Duration.ofSeconds(10) : drainOnStop;
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("ENHANCER_OUTBOX_BATCH_SIZE must be 1..10000, got " + batchSize);
    }
    positive("ENHANCER_OUTBOX_POLL", poll);
    positive("ENHANCER_OUTBOX_SEND_TIMEOUT", sendTimeout);
    positive("ENHANCER_OUTBOX_RETRY_INITIAL", retryInitial);
    positive("ENHANCER_OUTBOX_KEEP_SENT", keepSent);
    if (lease.compareTo(sendTimeout.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("ENHANCER_OUTBOX_LEASE must be at least twice ENHANCER_OUTBOX_SEND_TIMEOUT ("
          + sendTimeout + "), got " + lease + ": a pass must end before the lease it runs under");
    }
    if (retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException("ENHANCER_OUTBOX_RETRY_MAX must be at least ENHANCER_OUTBOX_RETRY_INITIAL ("
          + retryInitial + "), got " + retryMax);
    }
    if (maxAttempts < 1) throw new IllegalArgumentException("ENHANCER_OUTBOX_MAX_ATTEMPTS must be >= 1, got " + maxAttempts);
    if (drainOnStop.isNegative()) {
      throw new IllegalArgumentException("ENHANCER_OUTBOX_DRAIN_ON_STOP must be >= 0, got " + drainOnStop);
    }
  }

  /** The wait after the n-th failure in a row (n >= 1): retryInitial doubled n - 1 times, at most retryMax. */
  public Duration backoff(int failures) {
    Duration wait = retryInitial;
    for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) wait = wait.multipliedBy(2);
    return wait.compareTo(retryMax) > 0 ? retryMax : wait;
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive, got " + value);
  }
}
