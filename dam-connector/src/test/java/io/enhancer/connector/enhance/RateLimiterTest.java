package io.enhancer.connector.enhance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.connector.api.ApiException;
import io.enhancer.connector.config.EnhancerProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T10:00:05Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void allowsTheConfiguredCallsPerKeyAndMinuteThenAnswers429() {
    ManualClock clock = new ManualClock();
    EnhancerProperties properties = new EnhancerProperties(null, Path.of("data"), null, null, null, null, null, null,
        null, null, 3, null, null, null, null);
    RateLimiter limiter = new RateLimiter(properties, clock);
    for (int i = 0; i < 3; i++) limiter.acquire("key-a");
    assertThatThrownBy(() -> limiter.acquire("key-a")).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(429));
    limiter.acquire("key-b"); // another key has its own allowance

    clock.now = clock.now.plus(Duration.ofMinutes(1));
    limiter.acquire("key-a"); // a new minute
  }
}
