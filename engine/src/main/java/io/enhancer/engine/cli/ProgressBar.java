package io.enhancer.engine.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** A one-line bar redrawn in place on a terminal; failures are printed above it as they happen. */
final class ProgressBar implements BatchProgress {
  private static final int WIDTH = 30;
  private static final String CLEAR_LINE = "\r\033[K";

  private final PrintStream out;
  private final LongSupplier nanoTime;
  private ProgressRate rate;
  private int total;
  private int done;
  private int failed;

  ProgressBar(PrintStream out, LongSupplier nanoTime) {
    this.out = out;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void started(int total) {
    this.total = total;
    this.rate = new ProgressRate(nanoTime);
    draw();
  }

  @Override
  public synchronized void finished(BatchItemOutcome outcome) {
    done++;
    if (!outcome.ok()) {
      failed++;
      out.print(CLEAR_LINE);
      out.println("FAILED " + outcome.input().getFileName() + ": " + outcome.failure());
    }
    draw();
  }

  @Override
  public synchronized void ended() {
    out.println();
  }

  private void draw() {
    int filled = total == 0 ? WIDTH : (int) Math.round(WIDTH * done / (double) total);
    out.print(CLEAR_LINE + "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%d/%d %3.0f%%  %.2f img/s  ETA %s%s", done, total,
            total == 0 ? 100.0 : 100.0 * done / total, rate.perSecond(done), rate.eta(done, total),
            failed > 0 ? "  failed " + failed : ""));
    out.flush();
  }
}
