package io.enhancer.connector.deadletters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What a replay takes from the dead-letter topic.
 *
 * @param since          only records dead-lettered at or after this instant (null: all)
 * @param key            only records with this key, i.e. this image id (null: all)
 * @param dryRun         report what would be replayed; change and commit nothing
 * @param fromBeginning  read from the oldest record kept instead of where the last replay stopped
 */
public record ReplayOptions(Instant since, String key, boolean dryRun, boolean fromBeginning) {
  public ReplayOptions {
    if (key != null && key.isBlank()) throw new IllegalArgumentException("key must not be blank");
  }

  public static ReplayOptions all() {
    return new ReplayOptions(null, null, false, false);
  }

  boolean matches(String recordKey, Instant timestamp) {
    return (key == null || key.equals(recordKey)) && (since == null || !timestamp.isBefore(since));
  }

  /** An ISO-8601 instant ({@code 2026-03-01T12:00:00Z}) or a date ({@code 2026-03-01}, midnight UTC). */
  public static Instant parseSince(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return text.contains("T") ? Instant.parse(text.trim())
          : LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("since must be an ISO-8601 instant (2026-03-01T12:00:00Z) or date "
          + "(2026-03-01), got '" + text + "'");
    }
  }
}
