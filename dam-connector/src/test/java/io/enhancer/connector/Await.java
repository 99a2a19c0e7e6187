package io.enhancer.connector;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or the time is up (the pipeline runs on Kafka consumer threads). */
public final class Await {
  private Await() {}

  public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null && !Boolean.FALSE.equals(value)) return value;
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
