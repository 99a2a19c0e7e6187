package io.enhancer.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InProcessLiveStatusStoreTest {

  @Test
  void entriesExpireAfterTheirTtlLikeRedisKeys() {
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
    InProcessLiveStatusStore store = new InProcessLiveStatusStore(Duration.ofMinutes(5), new Clock() {
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
        return clock[0].instant();
      }
    });
    store.put(new LiveStatus(7, "t1", "processing", "enhance", null, start));
    clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(4)), ZoneOffset.UTC);
    assertThat(store.get(7)).map(LiveStatus::stage).hasValue("enhance");
    clock[0] = Clock.fixed(start.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
    assertThat(store.get(7)).isEmpty();
    assertThat(store.get(8)).isEmpty();
  }

  @Test
  void keepsAtMostItsCapDroppingTheSoonestToExpireWithoutScanningOnEveryPut() {
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    long[] millis = {0};
    Clock ticking = new Clock() {
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
        return start.plusMillis(millis[0]);
      }
    };
    InProcessLiveStatusStore store = new InProcessLiveStatusStore(Duration.ofHours(24), ticking);
    int puts = InProcessLiveStatusStore.MAX_ENTRIES + 50_000;
    long began = System.nanoTime();
    for (int i = 0; i < puts; i++) {
      millis[0] = i;
      store.put(new LiveStatus(i, "t" + i, "queued", null, null, ticking.instant()));
    }
    assertThat(store.size()).isLessThanOrEqualTo(InProcessLiveStatusStore.MAX_ENTRIES);
    assertThat(store.get(puts - 1)).as("the newest is kept").isPresent();
    assertThat(store.get(0)).as("the soonest to expire went first").isEmpty();
    System.out.printf("%d puts in %d ms%n", puts, (System.nanoTime() - began) / 1_000_000);
  }
}
