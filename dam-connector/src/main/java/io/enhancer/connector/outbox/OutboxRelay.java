package io.enhancer.connector.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes pending outbox rows to Kafka, off every request path. One thread per process; of all processes sharing
 * the database only the holder of the {@link OutboxLease} publishes, so rows leave in id order and no two processes
 * send the same rows. A pass reads the oldest pending rows, sends the first due row of each topic and key (a key's
 * next row goes once its predecessor is acknowledged, so a retry never lets a later row overtake it), waits for the
 * broker's acks and marks exactly the acknowledged rows sent. A crash between the ack and the mark sends the rows
 * again: consumers recognise a repeated message (the worker by its task id), so the effect happens once.
 * <p>
 * An unreachable broker (a retriable Kafka error, no ack in time) costs the rows nothing: the relay backs off,
 * doubling up to ENHANCER_OUTBOX_RETRY_MAX, and the rows wait in the database. A row the broker refuses counts an
 * attempt and waits its own backoff; after ENHANCER_OUTBOX_MAX_ATTEMPTS it is dead and its
 * {@link OutboxDeadRowListener}s hear of it. Each commit that wrote rows wakes the relay; otherwise it looks every
 * ENHANCER_OUTBOX_POLL (rows of other processes, rows due for a retry).
 */
@Component
public class OutboxRelay implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration HOUSEKEEPING = Duration.ofSeconds(10);
  private static final int PURGE_BATCH = 5_000;

  private final OutboxStore store;
  private final OutboxLease lease;
  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Clock clock;
  private final ObjectProvider<OutboxDeadRowListener> deadRowListeners;
  private final Counter published;
  private final Counter deadRows;
  private final AtomicLong pendingRows = new AtomicLong();

  private final Object signal = new Object();
  private boolean woken; // guarded by signal
  private volatile boolean running;
  private volatile long drainUntilNanos;
  private Thread thread;

  // touched by the relay thread only
  private int brokerFailures;
  private int passFailures;
  private boolean holding;
  private Instant leaseUntil = Instant.EPOCH;
  private Instant nextHousekeeping = Instant.EPOCH;

  public OutboxRelay(OutboxStore store, OutboxLease lease, KafkaTemplate<String, String> kafka,
                     OutboxProperties properties, Clock clock, ObjectProvider<OutboxDeadRowListener> deadRowListeners,
                     MeterRegistry meters) {
    this.store = store;
    this.lease = lease;
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
    this.deadRowListeners = deadRowListeners;
    this.published = Counter.builder("enhancer.outbox.published")
        .description("outbox rows the broker acknowledged (a row sent twice after a crash counts twice)")
        .register(meters);
    this.deadRows = Counter.builder("enhancer.outbox.dead")
        .description("outbox rows the broker refused too often, never published").register(meters);
    Gauge.builder("enhancer.outbox.pending", pendingRows, AtomicLong::get)
        .description("outbox rows waiting to be published (counted every 10 s)").register(meters);
  }

  /** What one pass did. */
  record Pass(boolean holder, int published, int refused, Throwable brokerUnreachable) {
    static final Pass NOT_HOLDER = new Pass(false, 0, 0, null);
  }

  /** A commit wrote rows: look now rather than at the next poll. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /**
   * One pass: takes or renews the lease, publishes the due head row of each key among the oldest pending rows and
   * records how each ended. Throws when the database cannot be read or written.
   */
  Pass relayOnce() {
    Instant now = clock.instant();
    if (!holdLease(now)) return Pass.NOT_HOLDER;

    List<OutboxRow> heads = dueHeads(store.pending(properties.batchSize()), now);
    List<InFlight> inFlight = new ArrayList<>(heads.size());
    Throwable unreachable = null;
    List<Refusal> refused = new ArrayList<>();
    for (OutboxRow row : heads) {
      CompletableFuture<?> ack;
      try {
        ack = kafka.send(row.topic(), row.key(), row.payload());
      } catch (RuntimeException e) {
        if (retriable(e)) {
          unreachable = e;
          break;
        }
        refused.add(new Refusal(row, e));
        continue;
      }
      inFlight.add(new InFlight(row, ack));
      // A send that already failed retriably waited max.block.ms for metadata: every later one would wait as long.
      if (ack.isCompletedExceptionally() && retriable(causeOf(ack))) {
        unreachable = causeOf(ack);
        break;
      }
    }

    List<Long> acked = new ArrayList<>(inFlight.size());
    long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
    for (InFlight send : inFlight) {
      try {
        send.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        acked.add(send.row().id());
      } catch (ExecutionException e) {
        if (retriable(e.getCause())) {
          unreachable = e.getCause();
        } else {
          refused.add(new Refusal(send.row(), e.getCause()));
        }
      } catch (TimeoutException e) {
        unreachable = new TimeoutException("no ack within " + properties.sendTimeout());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    store.markSent(acked, clock.instant());
    published.increment(acked.size());
    for (Refusal refusal : refused) refuse(refusal, now);
    return new Pass(true, acked.size(), refused.size(), unreachable);
  }

  /**
   * Takes the lease, or renews it once a third of it has passed (not on every pass: each renewal is a write). A
   * pass lasts at most max.block.ms plus the send timeout, under the half lease the properties guarantee.
   */
  private boolean holdLease(Instant now) {
    if (holding && now.isBefore(leaseUntil.minus(properties.lease().multipliedBy(2).dividedBy(3)))) return true;
    Instant until = now.plus(properties.lease());
    boolean held = lease.holdUntil(now, until);
    if (held != holding) {
      log.info(held ? "outbox relay: this process ({}) publishes the outbox"
          : "outbox relay: another process publishes the outbox now; this one ({}) stands by", lease.holder());
    }
    holding = held;
    leaseUntil = held ? until : Instant.EPOCH;
    return held;
  }

  /** The first row of each topic and key, if it is due; later rows of a key wait for it. */
  private static List<OutboxRow> dueHeads(List<OutboxRow> pending, Instant now) {
    List<OutboxRow> heads = new ArrayList<>(pending.size());
    Set<String> keys = new HashSet<>();
    for (OutboxRow row : pending) {
      if (keys.add(row.orderingKey()) && !row.nextAttemptAt().isAfter(now)) heads.add(row);
    }
    return heads;
  }

  private void refuse(Refusal refusal, Instant now) {
    OutboxRow row = refusal.row();
    int attempts = row.attempts() + 1;
    String reason = describe(refusal.cause());
    if (attempts < properties.maxAttempts()) {
      log.warn("outbox row {} (topic {}, key {}) refused by Kafka, attempt {} of {}: {}", row.id(), row.topic(),
          row.key(), attempts, properties.maxAttempts(), reason);
      store.retryLater(row.id(), attempts, now.plus(properties.backoff(attempts)), reason);
      return;
    }
    log.error("outbox row {} (topic {}, key {}) is dead: Kafka refused it {} times, last: {}", row.id(), row.topic(),
        row.key(), attempts, reason);
    store.markDead(row.id(), attempts, reason);
    deadRows.increment();
    deadRowListeners.orderedStream().forEach(listener -> {
      try {
        listener.rowDied(row, reason);
      } catch (RuntimeException e) {
        log.warn("outbox row {}: {} failed on its death: {}", row.id(), listener.getClass().getSimpleName(), e.toString());
      }
    });
  }

  private record InFlight(OutboxRow row, CompletableFuture<?> ack) {}

  private record Refusal(OutboxRow row, Throwable cause) {}

  private static Throwable causeOf(CompletableFuture<?> failed) {
    try {
      failed.getNow(null);
      return null;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  /** Worth waiting for: the broker is unreachable or busy, not refusing this record. */
  static boolean retriable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RetriableException || t instanceof TimeoutException
          || t instanceof org.apache.kafka.common.errors.InterruptException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  // ---------------------------------------------------------------- the thread

  private void loop() {
    while (running) {
      long waitMillis = pass();
      if (waitMillis > 0) await(waitMillis, brokerFailures == 0 && passFailures == 0);
    }
    drain();
  }

  /** Runs a pass and returns how long to wait before the next one. */
  private long pass() {
    try {
      Pass pass = relayOnce();
      housekeeping();
      passFailures = 0;
      if (pass.brokerUnreachable() != null) return brokerUnreachable(pass.brokerUnreachable());
      if (brokerFailures > 0) {
        log.info("outbox relay: Kafka acknowledges again after {} failed passes", brokerFailures);
        brokerFailures = 0;
      }
      return pass.published() > 0 ? 0 : properties.poll().toMillis();
    } catch (RuntimeException e) {
      passFailures++;
      if (passFailures == 1) {
        log.warn("outbox relay: cannot read or update the outbox ({}); retrying with backoff", e.toString());
      }
      return properties.backoff(passFailures).toMillis();
    }
  }

  private long brokerUnreachable(Throwable cause) {
    brokerFailures++;
    Duration wait = properties.backoff(brokerFailures);
    if (brokerFailures == 1) {
      log.warn("outbox relay: Kafka is unreachable ({}); rows wait in the outbox, retrying with backoff up to {}",
          describe(cause), properties.retryMax());
    }
    return wait.toMillis();
  }

  private void housekeeping() {
    Instant now = clock.instant();
    if (now.isBefore(nextHousekeeping)) return;
    nextHousekeeping = now.plus(HOUSEKEEPING);
    pendingRows.set(store.count(OutboxStore.PENDING));
    if (holding) store.purgeSent(now.minus(properties.keepSent()), PURGE_BATCH);
  }

  /** Waits up to {@code millis}; a wake cuts the wait short unless the relay is backing off. */
  private void await(long millis, boolean wakeable) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (signal) {
      while (running) {
        if (wakeable && woken) break;
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) break;
        try {
          signal.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      woken = false;
    }
  }

  /** After stop: publishes what is pending for at most ENHANCER_OUTBOX_DRAIN_ON_STOP, then hands the lease back. */
  private void drain() {
    try {
      while (System.nanoTime() < drainUntilNanos && !Thread.currentThread().isInterrupted()) {
        Pass pass = relayOnce();
        if (pass.published() == 0) break;
      }
    } catch (RuntimeException e) {
      log.warn("outbox relay: stopped with rows left pending ({}); the next holder publishes them", e.toString());
    }
    try {
      lease.release();
      holding = false;
    } catch (RuntimeException e) {
      log.debug("outbox relay: could not release the lease (it expires in {}): {}", properties.lease(), e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (running) return;
    running = true;
    thread = new Thread(this::loop, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    Thread relay;
    synchronized (this) {
      if (!running) return;
      drainUntilNanos = System.nanoTime() + properties.drainOnStop().toNanos();
      running = false;
      relay = thread;
      thread = null;
    }
    wake();
    try {
      relay.join(properties.drainOnStop().toMillis() + 2_000);
      if (relay.isAlive()) {
        relay.interrupt(); // stuck waiting for an unreachable broker: the rows stay pending for the next holder
        relay.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Stops after the web server's graceful drain (Integer.MAX_VALUE - 1024) and the Kafka listeners
   * (Integer.MAX_VALUE - 100), so rows written by the last requests and tasks are still published; the Kafka
   * producer factory (Integer.MIN_VALUE) and the database pool (a bean, destroyed after every phase) outlive it.
   */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2048;
  }
}
