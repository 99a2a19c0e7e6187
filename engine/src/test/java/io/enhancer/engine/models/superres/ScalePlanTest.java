package io.enhancer.engine.models.superres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScalePlanTest {

  @ParameterizedTest(name = "{0}x with scales {1} runs the x{2} model")
  @CsvSource({
      "2.0, 2 3 4, 2",
      "2.005, 2 3 4, 2",
      "2.6, 2 3 4, 3",
      "1.2, 2 3 4, 2",
      "3.5, 2 3 4, 4",
      "6.0, 2 3 4, 4",
      "3.0, 2 4, 4",
      "2.6, 2 4, 4"})
  void choosesSmallestModelScaleReachingTheFactor(double factor, String scales, int expected) {
    TreeSet<Integer> available = new TreeSet<>();
    for (String s : scales.split(" ")) available.add(Integer.parseInt(s));
    assertThat(ScalePlan.choose(factor, available).modelScale()).isEqualTo(expected);
  }

  @Test
  void targetSizeRoundsToTheNearestPixel() {
    assertThat(ScalePlan.targetSize(101, 77, 2.6).width).isEqualTo(263);
    assertThat(ScalePlan.targetSize(101, 77, 2.6).height).isEqualTo(200);
    assertThatThrownBy(() -> ScalePlan.targetSize(10, 10, 0)).hasMessageContaining("got 0.0");
  }
}
