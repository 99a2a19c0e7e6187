package io.enhancer.engine.pipeline.steps;

import static io.enhancer.engine.quality.Degradations.gaussianNoise;
import static io.enhancer.engine.quality.Degradations.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.quality.ImageAnalyzer;
import io.enhancer.engine.quality.Ssim;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;

class DenoiseStepTest {
  private final ImageAnalyzer analyzer = new ImageAnalyzer();
  private final DenoiseStep step = new DenoiseStep();

  private StepContext context(Frame frame, Mode mode) {
    return new StepContext(EnhanceOptions.builder().mode(mode).build(), analyzer.analyse(frame), new StepNotes());
  }

  private static List<Path> kodak() {
    return TestData.images(TestData.dataset("denoise-Kodak24")).stream().limit(6).toList();
  }

  @ParameterizedTest
  @ValueSource(doubles = {15, 25})
  void improvesPsnrOfNoisyKodakImagesBySolidMargin(double sigma) {
    double gainSum = 0;
    long seed = 11;
    for (Path file : kodak()) {
      Mat clean = read(file);
      Frame noisy = Frame.of(gaussianNoise(clean, sigma, seed++));
      long start = System.nanoTime();
      Frame out = step.apply(noisy, context(noisy, Mode.AUTO));
      double millis = (System.nanoTime() - start) / 1e6;
      double gain = Core.PSNR(clean, out.bgr()) - Core.PSNR(clean, noisy.bgr());
      System.out.printf("denoise sigma %.0f %s: %+.2f dB, SSIM %.3f -> %.3f, %.0f ms%n", sigma, file.getFileName(),
          gain, Ssim.of(clean, noisy.bgr()), Ssim.of(clean, out.bgr()), millis);
      assertThat(gain).as(file.toString()).isGreaterThanOrEqualTo(3);
      gainSum += gain;
    }
    assertThat(gainSum / kodak().size()).isGreaterThanOrEqualTo(4.5);
  }

  @Test
  void improvesNoisyPackagingWithPrintedText() {
    List<Path> packages = TestData.images(TestData.dataset("products-GroceryStore").resolve("iconic")).stream()
        .filter(p -> p.getFileName().toString().startsWith("Packages__")).limit(4).toList();
    for (Path file : packages) {
      Mat clean = read(file);
      Frame noisy = Frame.of(gaussianNoise(clean, 15, 5));
      Frame out = step.apply(noisy, context(noisy, Mode.AUTO));
      double ssimGain = Ssim.of(clean, out.bgr()) - Ssim.of(clean, noisy.bgr());
      double psnrGain = Core.PSNR(clean, out.bgr()) - Core.PSNR(clean, noisy.bgr());
      System.out.printf("denoise sigma 15 %s: %+.2f dB, SSIM %+.3f%n", file.getFileName(), psnrGain, ssimGain);
      // On the white backdrop the noise is clipped to one side, so its mean shifts by about sigma/2.5; no denoiser
      // removes that bias, which caps the PSNR gain. Structure (SSIM) still improves a lot.
      assertThat(ssimGain).as(file.toString()).isGreaterThan(0.2);
      assertThat(psnrGain).as(file.toString()).isGreaterThan(1.0);
    }
  }

  @Test
  void leavesCleanImagesAloneOrNearlyUnchanged() {
    List<Path> clean = TestData.images(TestData.dataset("denoise-CBSD68")).stream().limit(8).toList();
    int skipped = 0;
    for (Path file : clean) {
      Frame in = Frame.of(read(file));
      StepContext context = context(in, Mode.AUTO);
      Frame out = step.apply(in, context);
      if (out == in) {
        skipped++;
      } else {
        assertThat(Ssim.of(in.bgr(), out.bgr())).as(file.toString()).isGreaterThanOrEqualTo(0.98);
      }
    }
    assertThat(skipped).isGreaterThanOrEqualTo(5);
  }

  @Test
  void skipsAWellExposedKodakImage() {
    Frame in = Frame.of(read(kodak().get(0)));
    assertThat(step.apply(in, context(in, Mode.FULL))).isSameAs(in);
  }

  @Test
  void keepsTheMatteAndTheInput() {
    Mat noisy = gaussianNoise(read(kodak().get(1)), 20, 3);
    Mat copy = noisy.clone();
    Mat matte = new Mat(noisy.size(), org.opencv.core.CvType.CV_8UC1, new org.opencv.core.Scalar(255));
    Frame in = new Frame(noisy, matte);
    Frame out = step.apply(in, context(in, Mode.DENOISE));
    assertThat(out).isNotSameAs(in);
    assertThat(out.matte()).isSameAs(matte);
    assertThat(Core.norm(noisy, copy, Core.NORM_INF)).isZero();
  }

  @Test
  void doesNothingWhenTheModeExcludesIt() {
    Frame in = Frame.of(gaussianNoise(read(kodak().get(0)), 25, 1));
    assertThat(step.apply(in, context(in, Mode.SHARPEN))).isSameAs(in);
  }
}
