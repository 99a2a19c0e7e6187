package io.enhancer.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The search logic on a known size curve (size = 1000 + 10 q^2 bytes), so the right answer is computable. */
class SizeTargetSearchTest {
  private final List<Integer> tried = new ArrayList<>();
  private final IntFunction<byte[]> quadraticEncoder = q -> {
    tried.add(q);
    return new byte[1000 + 10 * q * q];
  };

  @ParameterizedTest(name = "target {0} bytes -> q{1}")
  @CsvSource({"50000, 70", "10000, 30", "9999, 30", "80000, 88", "82000, 90", "60000, 76"})
  void findsHighestQualityThatFits(long target, int expected) {
    SizeTargetSearch.Result r = SizeTargetSearch.search(quadraticEncoder, target, 30, 90);
    int best = 0;
    for (int q = 30; q <= 90; q++) if (1000 + 10 * q * q <= target) best = q;
    if (best == 0) {
      assertThat(r.fitsTarget()).isFalse();
      assertThat(r.quality()).isEqualTo(30);
    } else {
      assertThat(r.fitsTarget()).isTrue();
      assertThat(r.quality()).isEqualTo(best).isEqualTo(expected);
      assertThat(r.bytes().length).isLessThanOrEqualTo((int) target);
    }
    assertThat(r.attempts()).isEqualTo(tried.size()).isLessThanOrEqualTo(8); // 2 + ceil(log2(60))
  }

  @Test
  void triesCeilingFirstAndStopsWhenItFits() {
    SizeTargetSearch.Result r = SizeTargetSearch.search(quadraticEncoder, 1_000_000, 30, 90);
    assertThat(r.quality()).isEqualTo(90);
    assertThat(tried).containsExactly(90);
  }

  @Test
  void returnsBestEffortAtFloorWhenNothingFits() {
    SizeTargetSearch.Result r = SizeTargetSearch.search(quadraticEncoder, 500, 30, 90);
    assertThat(r.fitsTarget()).isFalse();
    assertThat(r.quality()).isEqualTo(30);
    assertThat(r.bytes().length).isEqualTo(1000 + 9000);
    assertThat(tried).containsExactly(90, 30);
  }

  @Test
  void rejectsInvertedQualityRange() {
    assertThatThrownBy(() -> SizeTargetSearch.search(quadraticEncoder, 1000, 60, 50))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("60..50");
  }
}
