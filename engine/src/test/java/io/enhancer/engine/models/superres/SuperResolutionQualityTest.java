package io.enhancer.engine.models.superres;

import static io.enhancer.engine.models.superres.SuperResolutionBenchmark.derivedPairs;
import static io.enhancer.engine.models.superres.SuperResolutionBenchmark.providedPairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.superres.SuperResolutionBenchmark.Degradation;
import io.enhancer.engine.models.superres.SuperResolutionBenchmark.Score;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PSNR/SSIM (BT.601 Y, border = scale shaved) on Set5 and Set14. Prints the table (also target/superres-quality.md).
 *
 * <p>The exported ESPCN/FSRCNN/LapSRN models were trained on OpenCV INTER_CUBIC reductions (no antialiasing), while
 * the benchmark sets ship MATLAB antialiased-bicubic inputs, which are blurrier. Without adaptation ("-raw") the models
 * gain well over Lanczos on their own degradation and little on the shipped inputs; the default input sharpening
 * (see {@link OnnxSuperResolver.Settings}) recovers most of the gain on smooth inputs. Both are scored.
 */
class SuperResolutionQualityTest {
  private static final Set<ModelFamily> FAST = EnumSet.of(ModelFamily.ESPCN, ModelFamily.FSRCNN, ModelFamily.FSRCNN_SMALL);
  private static SuperResolutionScoreboard board;

  @BeforeAll
  static void loadModels() {
    OpenCvRuntime.ensureLoaded();
    board = new SuperResolutionScoreboard("superres-quality.md", EnumSet.allOf(ModelFamily.class), EnumSet.of(ModelFamily.ESPCN));
  }

  @AfterAll
  static void printTable() throws IOException {
    board.close();
  }

  @Test
  void rawEspcnBeatsLanczosByNearlyOneDecibelOnSet14AtX2OnItsTrainingDegradation() {
    Map<String, Score> s = board.scoreAll("Set14[8] cv-cubic", 2,
        derivedPairs("sr-Set14", 2, 2, Degradation.OPENCV_CUBIC, 8), EnumSet.of(ModelFamily.ESPCN));
    assertThat(s.get("espcn-raw").psnr()).isGreaterThanOrEqualTo(s.get("lanczos").psnr() + 0.8);
    assertThat(s.get("espcn-raw").ssim()).isGreaterThanOrEqualTo(s.get("lanczos").ssim());
    // the input sharpening meant for smooth inputs costs a little on these aliased ones, still well above Lanczos
    assertThat(s.get("espcn").psnr()).isGreaterThanOrEqualTo(s.get("lanczos").psnr() + 0.2);
  }

  @Test
  void espcnBeatsLanczosOnSet14AtX2OnShippedBicubicInputs() {
    Map<String, Score> s = board.scoreAll("Set14", 2, providedPairs("sr-Set14", 2, 14), FAST);
    // measured +0.81 dB with the default input sharpening (+0.24 without); the fine-tuned default reaches +1.5 dB
    // (DefaultSuperResolverTest)
    assertThat(s.get("espcn").psnr()).isGreaterThanOrEqualTo(s.get("lanczos").psnr() + 0.6);
    assertThat(s.get("espcn").ssim()).isGreaterThanOrEqualTo(s.get("lanczos").ssim());
    assertThat(s.get("fsrcnn").psnr()).isGreaterThanOrEqualTo(s.get("lanczos").psnr() + 0.6);
    assertThat(s.get("espcn").psnr()).isGreaterThan(s.get("espcn-raw").psnr() + 0.3);
  }

  @Test
  void everyModelBeatsBicubicOnSet5AtX2AndStaysCloseToLanczosAtX4() {
    Map<String, Score> x2 = board.scoreAll("Set5", 2, providedPairs("sr-Set5", 2, 5), EnumSet.allOf(ModelFamily.class));
    for (String model : new String[] {"espcn", "fsrcnn", "fsrcnn-small", "lapsrn"}) {
      assertThat(x2.get(model).psnr()).as(model).isGreaterThan(x2.get("bicubic").psnr() + 0.3);
      assertThat(x2.get(model).ssim()).as(model).isGreaterThan(x2.get("bicubic").ssim());
    }
    Set<ModelFamily> scoredBeyondX2 = EnumSet.of(ModelFamily.ESPCN, ModelFamily.FSRCNN);
    Map<String, Score> x3 = board.scoreAll("Set5 ml-bicubic", 3,
        derivedPairs("sr-Set5", 2, 3, Degradation.MATLAB_BICUBIC, 5), scoredBeyondX2);
    assertThat(x3.get("espcn").psnr()).isGreaterThan(x3.get("lanczos").psnr());
    Map<String, Score> x4 = board.scoreAll("Set5", 4, providedPairs("sr-Set5", 4, 5), scoredBeyondX2);
    // at x4 the small models only match Lanczos in PSNR (SSIM slightly better)
    assertThat(x4.get("espcn").psnr()).isGreaterThan(x4.get("lanczos").psnr() - 0.3);
    assertThat(x4.get("espcn").ssim()).isGreaterThan(x4.get("lanczos").ssim() - 0.005);
  }
}
