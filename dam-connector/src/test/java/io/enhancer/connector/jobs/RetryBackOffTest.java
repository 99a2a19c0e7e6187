package io.enhancer.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.backoff.BackOffExecution;

class RetryBackOffTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 6})
  void aTaskIsTriedExactlyMaxAttemptsTimes(int maxAttempts) {
    List<Long> waits = waits(maxAttempts, Duration.ofSeconds(1));
    assertThat(waits).as("one wait before each retry").hasSize(maxAttempts - 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3})
  void nonPositiveAttemptsMeanOneTry(int maxAttempts) {
    assertThat(waits(maxAttempts, Duration.ofSeconds(1))).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void waitsDoubleUpToTwoMinutes() {
    assertThat(waits(10, Duration.ofSeconds(1)))
        .containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 120_000L, 120_000L);
  }

  private static List<Long> waits(int maxAttempts, Duration initial) {
    BackOffExecution execution = JobsConfig.retryBackOff(maxAttempts, initial).start();
    List<Long> waits = new ArrayList<>();
    for (long next = execution.nextBackOff(); next != BackOffExecution.STOP && waits.size() < 50;
         next = execution.nextBackOff()) {
      waits.add(next);
    }
    return waits;
  }
}
