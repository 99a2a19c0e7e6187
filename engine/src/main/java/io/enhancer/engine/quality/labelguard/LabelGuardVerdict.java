package io.enhancer.engine.quality.labelguard;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the guard concluded about the label's legibility after enhancement. */
public enum LabelGuardVerdict {
  /** Text and codes read as before. */
  OK,
  /** More words read, or read more confidently, and every code still decodes: a positive reason. */
  IMPROVED,
  /** Text is less readable (words lost or changed, lower confidence) or the product colour moved: never auto-approve. */
  REVIEW,
  /** A code that decoded before no longer decodes to the same value: reject automatically. */
  REJECT,
  /** Not checked, for the reason given (no text detected, OCR not installed): never blocks approval. */
  SKIPPED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
