package io.enhancer.engine.quality.labelguard;

import java.util.List;

/**
 * What the label guard found; serialised under {@code label_guard} in the report.
 *
 * @param verdict      ok, improved, review, reject or skipped
 * @param reason       why, naming the words or codes concerned; empty when ok; {@code skipped: ...} when skipped
 * @param textBefore   words and mean confidence read in the source
 * @param textAfter    the same for the result, read at the same scale relative to the product
 * @param text         confident source words kept, lost, changed, and new confident words, with examples
 * @param codesBefore  codes decoded in the source
 * @param codesAfter   codes decoded in the result
 * @param codesLost    source codes the result no longer decodes to the same value
 * @param colourShift  product colour difference, or null when the images could not be aligned
 * @param framing      how the result was mapped onto the source: recorded_geometry, same_aspect or unaligned
 * @param ocrScale     scale of the source at which both sides were read
 * @param millis       time the check took
 */
public record LabelGuardResult(
    LabelGuardVerdict verdict,
    String reason,
    TextReading textBefore,
    TextReading textAfter,
    TextChange text,
    List<CodeReading> codesBefore,
    List<CodeReading> codesAfter,
    List<CodeReading> codesLost,
    ColourShiftResult colourShift,
    String framing,
    double ocrScale,
    double millis) {

  /** A guard that did not read anything; {@code why} completes "skipped: ...". */
  public static LabelGuardResult skipped(String why, double millis) {
    return new LabelGuardResult(LabelGuardVerdict.SKIPPED, "skipped: " + why, null, null, null, List.of(), List.of(),
        List.of(), null, null, 0, millis);
  }

  public LabelGuardResult {
    codesBefore = List.copyOf(codesBefore);
    codesAfter = List.copyOf(codesAfter);
    codesLost = List.copyOf(codesLost);
  }

  /** True when QC must not auto-approve the result. */
  public boolean blocksAutoApproval() {
    return verdict == LabelGuardVerdict.REVIEW || verdict == LabelGuardVerdict.REJECT;
  }
}
