package io.enhancer.connector.security;

import java.util.Locale;

/** What an API key may do. Admin may do everything. */
public enum Role {
  ADMIN, REVIEWER, INTEGRATION;

  /** Whether the key may read the actuator: metrics and health details (a reviewer only reviews). */
  public boolean readsOperations() {
    return this != REVIEWER;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("role must be admin|reviewer|integration, got '" + value + "'");
    }
  }
}
