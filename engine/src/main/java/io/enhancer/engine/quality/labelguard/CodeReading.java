package io.enhancer.engine.quality.labelguard;

/**
 * A barcode or 2D code and the value it carries.
 *
 * @param format ZXing's format name, e.g. {@code CODE_128}, {@code QR_CODE}, {@code DATA_MATRIX}
 * @param value  the decoded text
 */
public record CodeReading(String format, String value) {
  @Override
  public String toString() {
    return format + " " + value;
  }
}
