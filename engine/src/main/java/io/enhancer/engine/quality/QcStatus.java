package io.enhancer.engine.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum QcStatus {
  AUTO_APPROVED, NEEDS_REVIEW;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
