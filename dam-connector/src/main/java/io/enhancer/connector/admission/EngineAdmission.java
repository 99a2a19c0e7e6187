package io.enhancer.connector.admission;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded number of engine runs and a native-memory budget, granted first come first served so a large image
 * is not starved by a stream of small ones. Real-time callers wait in a bounded queue for a bounded time and are
 * then refused ({@link EngineBusyException}); workers wait as long as it takes (their backlog is Kafka's).
 */
public final class EngineAdmission {
  private final int slots;
  private final long budget;
  private final int maxQueued;
  private final Duration queueWait;
  private final Duration retryAfter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Ticket> line = new ArrayDeque<>();
  private int running;
  private long reserved;
  private int realTimeWaiting;

  private record Ticket(long bytes) {}

  /** Held while the engine runs; closing it gives the slot and the memory back (once). */
  public final class Permit implements AutoCloseable {
    private final long bytes;
    private boolean closed;

    private Permit(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (closed) return;
        closed = true;
        running--;
        reserved -= bytes;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  public EngineAdmission(int slots, long budgetBytes, int maxQueued, Duration queueWait, Duration retryAfter) {
    if (slots < 1) throw new IllegalArgumentException("slots must be >= 1, got " + slots);
    if (budgetBytes < 1) throw new IllegalArgumentException("memory budget must be positive, got " + budgetBytes);
    this.slots = slots;
    this.budget = budgetBytes;
    this.maxQueued = maxQueued;
    this.queueWait = queueWait;
    this.retryAfter = retryAfter;
  }

  /** For a request a caller waits on: a short, bounded wait, else {@link EngineBusyException}. */
  public Permit admitRealTime(long bytes) {
    lock.lock();
    try {
      Ticket ticket = new Ticket(clamp(bytes));
      if (line.isEmpty() && fits(ticket)) return grant(ticket);
      if (realTimeWaiting >= maxQueued) {
        throw busy("engine busy: " + running + " running and " + realTimeWaiting + " waiting (queue limit "
            + maxQueued + ")");
      }
      realTimeWaiting++;
      line.addLast(ticket);
      try {
        long nanos = queueWait.toNanos();
        while (line.peekFirst() != ticket || !fits(ticket)) {
          if (nanos <= 0) {
            throw busy("engine busy: no slot came free within " + queueWait.toSeconds() + " s (" + running
                + " running)");
          }
          nanos = changed.awaitNanos(nanos);
        }
        return grant(ticket);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw busy("interrupted while waiting for an engine slot");
      } finally {
        realTimeWaiting--;
        line.remove(ticket);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** For a queued job: waits until the run fits (the Kafka record stays unacknowledged meanwhile). */
  public Permit admitQueued(long bytes) {
    lock.lock();
    try {
      Ticket ticket = new Ticket(clamp(bytes));
      line.addLast(ticket);
      try {
        while (line.peekFirst() != ticket || !fits(ticket)) changed.await(1, TimeUnit.SECONDS);
        return grant(ticket);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for an engine slot", e);
      } finally {
        line.remove(ticket);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  public int running() {
    return locked(() -> running);
  }

  public int waiting() {
    return locked(line::size);
  }

  public long reservedBytes() {
    return locked(() -> reserved);
  }

  public int slots() {
    return slots;
  }

  public long budgetBytes() {
    return budget;
  }

  /** A run larger than the whole budget may still run, alone: refusing it would refuse a legal image forever. */
  private long clamp(long bytes) {
    return Math.min(Math.max(0, bytes), budget);
  }

  private boolean fits(Ticket ticket) {
    return running < slots && reserved + ticket.bytes() <= budget;
  }

  private Permit grant(Ticket ticket) {
    running++;
    reserved += ticket.bytes();
    return new Permit(ticket.bytes());
  }

  private EngineBusyException busy(String message) {
    return new EngineBusyException(message + "; retry in " + retryAfter.toSeconds() + " s", retryAfter);
  }

  private <T> T locked(java.util.function.Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }
}
