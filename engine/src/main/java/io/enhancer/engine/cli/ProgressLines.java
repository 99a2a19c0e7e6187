package io.enhancer.engine.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** One plain line per finished file, for logs and pipes (no terminal control characters). */
final class ProgressLines implements BatchProgress {
  private final PrintStream out;
  private final LongSupplier nanoTime;
  private ProgressRate rate;
  private int total;
  private int done;

  ProgressLines(PrintStream out, LongSupplier nanoTime) {
    this.out = out;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void started(int total) {
    this.total = total;
    this.rate = new ProgressRate(nanoTime);
    out.println("batch: " + total + " images");
  }

  @Override
  public synchronized void finished(BatchItemOutcome o) {
    done++;
    String prefix = String.format(Locale.ROOT, "[%d/%d] ", done, total);
    String tail = String.format(Locale.ROOT, "  %.0f ms  (%.2f img/s, ETA %s)", o.millis(), rate.perSecond(done),
        rate.eta(done, total));
    if (o.ok()) {
      out.println(prefix + "ok " + o.input().getFileName() + " -> " + o.output().getFileName()
          + String.format(Locale.ROOT, "  qc %.0f %s", o.qcScore(), o.qcStatus().id()) + tail);
    } else {
      out.println(prefix + "FAILED " + o.input().getFileName() + ": " + o.failure() + tail);
    }
  }

  @Override
  public synchronized void ended() {}
}
