package io.enhancer.connector.enhance;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.config.EnhancerProperties;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** A per-key, per-minute allowance for the real-time endpoints (which run the engine in the request). */
@Component
class RateLimiter {
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final int perMinute;
  private final Clock clock;

  private record Window(long minute, AtomicInteger used) {}

  RateLimiter(EnhancerProperties properties, Clock clock) {
    this.perMinute = properties.rateLimitPerMinute();
    this.clock = clock;
  }

  void acquire(String keyHash) {
    long minute = clock.millis() / 60_000;
    Window w = windows.compute(keyHash == null ? "" : keyHash,
        (k, old) -> old == null || old.minute() != minute ? new Window(minute, new AtomicInteger()) : old);
    if (w.used().incrementAndGet() > perMinute) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
          "more than " + perMinute + " real-time enhancements this minute; use /batch for bulk work");
    }
  }
}
