package io.enhancer.connector.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gate itself: slots, the memory budget, the bounded real-time queue, first come first served. */
class EngineAdmissionTest {
  static final long MB = 1024 * 1024;

  @Test
  void aRunThatDoesNotFitTheMemoryLeftWaitsEvenWithASlotFree() throws Exception {
    EngineAdmission gate = new EngineAdmission(4, 1000 * MB, 4, Duration.ofMillis(300), Duration.ofSeconds(9));
    try (var big = gate.admitRealTime(700 * MB)) {
      assertThatThrownBy(() -> gate.admitRealTime(400 * MB)).isInstanceOf(EngineBusyException.class)
          .hasMessageContaining("no slot came free within").hasMessageContaining("retry in 9 s");
      try (var small = gate.admitRealTime(200 * MB)) {
        assertThat(gate.reservedBytes()).isEqualTo(900 * MB);
        assertThat(gate.running()).isEqualTo(2);
      }
    }
    assertThat(gate.reservedBytes()).isZero();
    assertThat(gate.running()).isZero();
  }

  @Test
  void realTimeCallersBeyondTheQueueAreRefusedAtOnce() throws Exception {
    EngineAdmission gate = new EngineAdmission(1, 1000 * MB, 1, Duration.ofSeconds(5), Duration.ofSeconds(3));
    var running = gate.admitRealTime(10 * MB);
    CompletableFuture<EngineAdmission.Permit> waiter = CompletableFuture.supplyAsync(() -> gate.admitRealTime(10 * MB));
    while (gate.waiting() == 0) Thread.sleep(10);
    long start = System.nanoTime();
    assertThatThrownBy(() -> gate.admitRealTime(10 * MB)).isInstanceOf(EngineBusyException.class)
        .hasMessageContaining("queue limit 1");
    assertThat((System.nanoTime() - start) / 1e9).as("refused without waiting").isLessThan(1.0);
    running.close();
    running.close(); // closing twice gives back once
    waiter.get(5, TimeUnit.SECONDS).close();
    assertThat(gate.running()).isZero();
    assertThat(gate.reservedBytes()).isZero();
  }

  @Test
  void aLargeRunAtTheHeadIsNotOvertakenBySmallOnesAndARunOverTheBudgetStillRunsAlone() throws Exception {
    EngineAdmission gate = new EngineAdmission(2, 1000 * MB, 4, Duration.ofSeconds(5), Duration.ofSeconds(3));
    var first = gate.admitQueued(600 * MB);
    CompletableFuture<EngineAdmission.Permit> huge = CompletableFuture.supplyAsync(() -> gate.admitQueued(5000 * MB));
    while (gate.waiting() == 0) Thread.sleep(10);
    CompletableFuture<EngineAdmission.Permit> small = CompletableFuture.supplyAsync(() -> gate.admitQueued(100 * MB));
    while (gate.waiting() < 2) Thread.sleep(10);
    Thread.sleep(200);
    assertThat(small).as("the small run waits behind the large one though it would fit").isNotDone();
    first.close();
    EngineAdmission.Permit alone = huge.get(5, TimeUnit.SECONDS);
    assertThat(gate.reservedBytes()).as("counted as the whole budget").isEqualTo(1000 * MB);
    assertThat(small).isNotDone();
    alone.close();
    small.get(5, TimeUnit.SECONDS).close();
    assertThat(gate.running()).isZero();
  }
}
