package io.enhancer.engine.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum QcStatus {
  AUTO_APPROVED, NEEDS_REVIEW,
  /** Rejected without review: a barcode that decoded in the source no longer does (label guard). */
  REJECTED;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
