package io.enhancer.engine.api;

import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.quality.QcResult;
import io.enhancer.engine.quality.QcStatus;
import io.enhancer.engine.quality.labelguard.LabelGuard;
import io.enhancer.engine.quality.labelguard.LabelGuardOptions;
import io.enhancer.engine.quality.labelguard.LabelGuardResult;
import io.enhancer.engine.quality.labelguard.LabelGuardVerdict;
import io.enhancer.engine.quality.labelguard.TesseractReader;
import io.enhancer.engine.quality.labelguard.TextRegionDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the label guard wherever a label is detected (on by default; {@code label_guard=false} opts out) and folds
 * its verdict into the QC decision. A cheap text-region detection on the source decides: without text the guard is
 * skipped and says so, so OCR only runs on photos that carry print. The guard (and Tesseract behind it) is opened on
 * first use; without Tesseract installed a photo with text gets a skipped entry naming the missing tool.
 */
final class LabelGuardRunner implements AutoCloseable {
  private final TextRegionDetector textRegions = new TextRegionDetector();
  private volatile LabelGuard guard;
  private volatile Boolean ocrAvailable;

  LabelGuardResult check(Frame source, Frame result, StepNotes notes) {
    long start = System.nanoTime();
    int regions = textRegions.regions(source.bgr()).size();
    notes.fact("text_regions", regions);
    if (regions == 0) return LabelGuardResult.skipped("no text detected", millisSince(start));
    if (!ocrAvailable()) {
      return LabelGuardResult.skipped(regions + " text regions detected but OCR is not installed"
          + " (run scripts/install-ocr.sh)", millisSince(start));
    }
    // the result's own placement: exact per axis through the enlargement and the canvas, so no factor is rounded
    return guard().check(source, result, result.placement());
  }

  private boolean ocrAvailable() {
    Boolean known = ocrAvailable;
    if (known == null) {
      known = TesseractReader.available();
      ocrAvailable = known;
    }
    return known;
  }

  private static double millisSince(long start) {
    return Math.round((System.nanoTime() - start) / 1e4) / 100.0;
  }

  /**
   * A label that got less readable is never auto-approved; a code that no longer decodes is rejected outright. The
   * score is capped at the request's own auto-approve threshold so a blocked result never reads as approvable.
   */
  static QcResult decide(QcResult qc, LabelGuardResult guard, double autoApproveThreshold) {
    if (guard == null || !guard.blocksAutoApproval()) return qc;
    List<String> reasons = new ArrayList<>(qc.reasons());
    reasons.add(guard.reason());
    QcStatus status = guard.verdict() == LabelGuardVerdict.REJECT ? QcStatus.REJECTED : QcStatus.NEEDS_REVIEW;
    return new QcResult(Math.min(qc.score(), autoApproveThreshold), status, reasons);
  }

  private LabelGuard guard() {
    LabelGuard g = guard;
    if (g == null) {
      synchronized (this) {
        if (guard == null) guard = new LabelGuard(LabelGuardOptions.defaults());
        g = guard;
      }
    }
    return g;
  }

  @Override
  public void close() {
    LabelGuard g = guard;
    if (g != null) g.close();
  }
}
