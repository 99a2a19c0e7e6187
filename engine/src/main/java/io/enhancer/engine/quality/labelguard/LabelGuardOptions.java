package io.enhancer.engine.quality.labelguard;

/**
 * Tuning of the label guard; defaults from measurements on generated labels and grocery packaging (see the test
 * table in LabelGuardMeasurementTest).
 *
 * @param layout               Tesseract page segmentation
 * @param readableConfidence   a word at or above this confidence counts as read (0..100)
 * @param strongConfidence     source words at or above this confidence must survive; weaker ones are OCR noise
 * @param maxConfidenceDrop    a fall of the mean word confidence by more than this many points is a review reason
 * @param toleratedWordLoss    lost words tolerated before review (changed characters are never tolerated)
 * @param maxProductDeltaE     mean CIEDE2000 of product colours above this is a review reason; null = report only
 * @param smallSourceSide      sources whose longer side is below this are read at 2x (Tesseract wants ~20 px x-height)
 * @param maxOcrSide           cap on the longer side of what OCR reads, bounding the cost on large images
 */
public record LabelGuardOptions(
    OcrLayout layout,
    double readableConfidence,
    double strongConfidence,
    double maxConfidenceDrop,
    int toleratedWordLoss,
    Double maxProductDeltaE,
    int smallSourceSide,
    int maxOcrSide) {

  public LabelGuardOptions {
    if (layout == null) throw new IllegalArgumentException("layout is required");
    requireRange("readableConfidence", readableConfidence, 0, 100);
    requireRange("strongConfidence", strongConfidence, 0, 100);
    requireRange("maxConfidenceDrop", maxConfidenceDrop, 0, 100);
    if (toleratedWordLoss < 0 || toleratedWordLoss > 1000) {
      throw new IllegalArgumentException("toleratedWordLoss must be 0..1000, got " + toleratedWordLoss);
    }
    if (maxProductDeltaE != null) requireRange("maxProductDeltaE", maxProductDeltaE, 0.1, 100);
    if (smallSourceSide < 0 || smallSourceSide > 10000) {
      throw new IllegalArgumentException("smallSourceSide must be 0..10000 px, got " + smallSourceSide);
    }
    if (maxOcrSide < 200 || maxOcrSide > 10000) {
      throw new IllegalArgumentException("maxOcrSide must be 200..10000 px, got " + maxOcrSide);
    }
  }

  public static LabelGuardOptions defaults() {
    return new LabelGuardOptions(OcrLayout.SPARSE_TEXT, 60, 80, 8, 0, null, 1000, 2000);
  }

  public LabelGuardOptions withMaxProductDeltaE(Double value) {
    return new LabelGuardOptions(layout, readableConfidence, strongConfidence, maxConfidenceDrop, toleratedWordLoss,
        value, smallSourceSide, maxOcrSide);
  }

  public LabelGuardOptions withLayout(OcrLayout value) {
    return new LabelGuardOptions(value, readableConfidence, strongConfidence, maxConfidenceDrop, toleratedWordLoss,
        maxProductDeltaE, smallSourceSide, maxOcrSide);
  }

  private static void requireRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
