package io.enhancer.connector.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live status kept in this JVM when no REDIS_URL is configured; entries expire like Redis keys would. At most
 * {@value #MAX_ENTRIES} are kept (the soonest to expire go first): it is a convenience, the database holds the truth.
 */
public final class InProcessLiveStatusStore implements LiveStatusStore {
  static final int MAX_ENTRIES = 100_000;
  private static final int FIRST_SWEEP = 10_000;
  private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
  /** Size above which the next put sweeps; raised after each sweep, so puts do not scan the map one by one. */
  private volatile int sweepAbove = FIRST_SWEEP;
  private final Duration ttl;
  private final Clock clock;

  private record Entry(LiveStatus status, Instant expiresAt) {}

  public InProcessLiveStatusStore(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
  }

  @Override
  public void put(LiveStatus status) {
    Instant now = clock.instant();
    entries.put(status.imageId(), new Entry(status, now.plus(ttl)));
    if (entries.size() > sweepAbove) sweep(now);
  }

  /**
   * Drops expired entries and, above the cap, the soonest to expire. Measured before: once 10,000 entries were kept
   * within their TTL, every put scanned them all (5 % of the webhook intake's commit thread at 10,000 images).
   */
  private synchronized void sweep(Instant now) {
    if (entries.size() <= sweepAbove) return;
    entries.values().removeIf(e -> e.expiresAt().isBefore(now));
    int excess = entries.size() - MAX_ENTRIES * 3 / 4;
    if (entries.size() > MAX_ENTRIES && excess > 0) {
      entries.entrySet().stream().sorted(java.util.Map.Entry.comparingByValue(
              java.util.Comparator.comparing(Entry::expiresAt))).limit(excess).map(java.util.Map.Entry::getKey)
          .toList().forEach(entries::remove);
    }
    sweepAbove = Math.max(FIRST_SWEEP, Math.min(MAX_ENTRIES, entries.size() * 2));
  }

  int size() {
    return entries.size();
  }

  @Override
  public Optional<LiveStatus> get(long imageId) {
    Entry e = entries.get(imageId);
    if (e == null) return Optional.empty();
    if (!e.expiresAt().isAfter(clock.instant())) {
      entries.remove(imageId, e);
      return Optional.empty();
    }
    return Optional.of(e.status());
  }

  @Override
  public boolean ping() {
    return true;
  }
}
