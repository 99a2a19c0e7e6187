package io.enhancer.engine.models.superres;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.ModelRegistry;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.superres.OnnxSuperResolver.Settings;
import io.enhancer.engine.models.superres.SuperResolutionBenchmark.Pair;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Range;
import org.opencv.core.Scalar;

/**
 * The default super-resolution family (bundled in the engine jar): what issue 16 asks of it on Set14 x2, and that its
 * tiling and border handling do not cost quality. The full table is bench/superres.sh.
 */
class DefaultSuperResolverTest {
  /**
   * All of Set14 (a few seconds): the mean over a subset would depend on which images, and the first five (baboon ..
   * comic, fine textures) gain only about +1 dB while faces and graphics gain over 2 dB.
   */
  private static final int SET14_IMAGES = 14;
  private static OnnxSuperResolver model;
  private static List<Pair> set14;

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
    model = OnnxSuperResolver.load(null, ModelFamily.DEFAULT, Settings.withThreads(1)).orElseThrow();
    set14 = SuperResolutionBenchmark.providedPairs("sr-Set14", 2, SET14_IMAGES);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void defaultBeatsLanczosByAtLeastOneAndAHalfDecibelsOnSet14AtX2() {
    var lanczos = SuperResolutionBenchmark.score("Set14", 2, "lanczos", set14, new LanczosResolver()::upscale);
    var learned = SuperResolutionBenchmark.score("Set14", 2, model.name(), set14, model::upscale);
    System.out.printf(Locale.ROOT, "Set14[%d] x2 PSNR-Y: lanczos %.2f dB, %s %.2f dB (%+.2f)%n", set14.size(),
        lanczos.psnr(), model.name(), learned.psnr(), learned.psnr() - lanczos.psnr());
    assertThat(learned.psnr()).isGreaterThanOrEqualTo(lanczos.psnr() + 1.5);
    assertThat(learned.ssim()).isGreaterThan(lanczos.ssim());
  }

  @ParameterizedTest
  @CsvSource({"3, 1.0", "4, 0.8"})
  void defaultBeatsLanczosAtLargerScalesOnSet14(int scale, double minimumGain) {
    List<Pair> pairs = SuperResolutionBench.pairs("Set14", scale); // x3: MATLAB-bicubic reductions of the x2 truth
    var lanczos = SuperResolutionBenchmark.score("Set14", scale, "lanczos", pairs, new LanczosResolver()::upscale);
    var learned = SuperResolutionBenchmark.score("Set14", scale, model.name(), pairs, model::upscale);
    System.out.printf(Locale.ROOT, "Set14 x%d PSNR-Y: lanczos %.2f dB, %s %.2f dB (%+.2f)%n", scale, lanczos.psnr(),
        model.name(), learned.psnr(), learned.psnr() - lanczos.psnr());
    assertThat(learned.psnr()).isGreaterThanOrEqualTo(lanczos.psnr() + minimumGain);
  }

  @Test
  void tiledOutputEqualsUntiledOutputWithinATenthOfADecibel() {
    Pair pair = set14.get(1); // 360x288 LR: 6 x 5 tiles of 64 px, the last row and column partial
    try (OnnxSuperResolver tiled = OnnxSuperResolver.load(null, ModelFamily.DEFAULT, new Settings(1, 64, 0)).orElseThrow();
         OnnxSuperResolver whole = OnnxSuperResolver.load(null, ModelFamily.DEFAULT, new Settings(1, 4096, 0)).orElseThrow()) {
      Mat a = tiled.upscale(pair.lr(), 2);
      Mat b = whole.upscale(pair.lr(), 2);
      Mat truth = EvaluationLuma.of(pair.hr(), 2);
      double difference = Psnr.of(EvaluationLuma.of(a, 2), truth) - Psnr.of(EvaluationLuma.of(b, 2), truth);
      assertThat(Math.abs(difference)).isLessThan(0.1);
      // the margin covers the receptive field, so tiles agree to float rounding, not just on average
      assertThat(Core.norm(a, b, Core.NORM_INF)).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void upscalesSizesThatAreNoMultipleOfTheTileAtTheExactSize() {
    Mat odd = set14.get(2).lr().submat(new Range(0, 45), new Range(0, 67)).clone();
    try (OnnxSuperResolver tiled = OnnxSuperResolver.load(null, ModelFamily.DEFAULT, new Settings(1, 16, 0)).orElseThrow()) {
      Mat out = tiled.upscale(odd, 2);
      assertThat(out.cols()).isEqualTo(134);
      assertThat(out.rows()).isEqualTo(90);
      assertThat(Core.norm(out, model.upscale(odd, 2), Core.NORM_INF)).isLessThanOrEqualTo(1);
      Mat tiny = odd.submat(new Range(0, 3), new Range(0, 5)).clone(); // smaller than the model's receptive field
      assertThat(tiled.upscale(tiny, 2).size()).isEqualTo(new org.opencv.core.Size(10, 6));
    }
  }

  @Test
  void imageBordersSeeMirroredContextNotZeros() {
    // the model's own zero padding would darken a flat image's outer pixels; mirrored context keeps them flat
    Mat grey = new Mat(40, 56, CvType.CV_8UC3, new Scalar(128, 128, 128));
    Mat out = model.upscale(grey, 2);
    Mat difference = new Mat();
    Core.absdiff(out, new Scalar(128, 128, 128), difference);
    assertThat(Core.minMaxLoc(difference.reshape(1)).maxVal).isLessThanOrEqualTo(2);
  }

  @Test
  void registryUsesTheBundledDefaultWhenTheModelsFolderHasNoSuperResolutionModel(@TempDir Path emptyModels) {
    try (ModelRegistry registry = ModelRegistry.open(emptyModels, "u2netp", ModelFamily.DEFAULT.id(), 1)) {
      assertThat(registry.superResolver().name()).isEqualTo("espcn-antialiased");
      assertThat(registry.describe()).anySatisfy(m -> assertThat(m).containsEntry("role", "upscale")
          .containsEntry("name", "espcn-antialiased").containsKey("sha256"));
    }
  }

}
