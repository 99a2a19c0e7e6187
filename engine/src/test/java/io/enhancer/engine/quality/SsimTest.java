package io.enhancer.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.enhancer.engine.TestData;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

class SsimTest {
  private final Mat clean = Degradations.read(TestData.dataset("denoise-Kodak24").resolve("kodim05.png"));

  @Test
  void isOneForIdenticalImages() {
    assertThat(Ssim.of(clean, clean.clone())).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void fallsWithNoiseAndBlurInOrderOfDamage() {
    double light = Ssim.of(clean, Degradations.gaussianNoise(clean, 5, 1));
    double heavy = Ssim.of(clean, Degradations.gaussianNoise(clean, 25, 1));
    double blurred = Ssim.of(clean, Degradations.blurred(clean, 3));
    assertThat(light).isBetween(0.85, 0.99);
    assertThat(heavy).isLessThan(light - 0.2);
    assertThat(blurred).isLessThan(0.8);
  }

  @Test
  void ignoresAUniformBrightnessShiftMoreThanNoise() {
    Mat brighter = new Mat();
    clean.convertTo(brighter, -1, 1, 5);
    assertThat(Ssim.of(clean, brighter)).isGreaterThan(Ssim.of(clean, Degradations.gaussianNoise(clean, 5, 2)));
  }
}
