package io.enhancer.engine.cli;

import java.util.Locale;
import java.util.function.LongSupplier;

/** Images per second and time left, from an injected nanosecond clock. */
final class ProgressRate {
  private final LongSupplier nanoTime;
  private final long start;

  ProgressRate(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  double elapsedSeconds() {
    return (nanoTime.getAsLong() - start) / 1e9;
  }

  double perSecond(int done) {
    double s = elapsedSeconds();
    return s > 0 ? done / s : 0;
  }

  /** {@code m:ss} left at the current rate, or {@code --:--} before the first file finishes. */
  String eta(int done, int total) {
    double rate = perSecond(done);
    if (done == 0 || rate <= 0) return "--:--";
    long seconds = Math.round((total - done) / rate);
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
