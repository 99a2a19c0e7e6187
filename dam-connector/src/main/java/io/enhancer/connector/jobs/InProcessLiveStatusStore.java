package io.enhancer.connector.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Live status kept in this JVM when no REDIS_URL is configured; entries expire like Redis keys would. */
public final class InProcessLiveStatusStore implements LiveStatusStore {
  private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
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
    if (entries.size() > 10_000) entries.values().removeIf(e -> e.expiresAt().isBefore(now));
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
