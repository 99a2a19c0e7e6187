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
 * Set14 x3 (8 images) and subsets of Urban100 (x2, first 20) and BSD100 (x4, first 20) for the two fast model families;
 * table in target/superres-quality-subsets.md. See {@link SuperResolutionQualityTest} for the degradation caveat.
 */
class SuperResolutionSubsetQualityTest {
  private static final Set<ModelFamily> FAST = EnumSet.of(ModelFamily.ESPCN, ModelFamily.FSRCNN);
  private static SuperResolutionScoreboard board;

  @BeforeAll
  static void loadModels() {
    OpenCvRuntime.ensureLoaded();
    board = new SuperResolutionScoreboard("superres-quality-subsets.md", FAST, EnumSet.of(ModelFamily.ESPCN));
  }

  @AfterAll
  static void printTable() throws IOException {
    board.close();
  }

  @Test
  void modelsBeatLanczosOnUrbanStructuresAtX2() {
    Map<String, Score> s = board.scoreAll("Urban100[20]", 2, providedPairs("sr-Urban100", 2, 20), FAST);
    assertThat(s.get("espcn").psnr()).isGreaterThan(s.get("lanczos").psnr() + 0.8);
    assertThat(s.get("espcn").ssim()).isGreaterThan(s.get("lanczos").ssim() + 0.01);
  }

  @Test
  void rawModelBeatsLanczosAtX3OnItsTrainingDegradationAndMatchesItAtX4OnShippedInputs() {
    Set<ModelFamily> espcn = EnumSet.of(ModelFamily.ESPCN);
    Map<String, Score> x3 = board.scoreAll("Set14[8] cv-cubic", 3,
        derivedPairs("sr-Set14", 2, 3, Degradation.OPENCV_CUBIC, 8), espcn);
    assertThat(x3.get("espcn-raw").psnr()).isGreaterThan(x3.get("lanczos").psnr() + 0.8);
    Map<String, Score> bsd = board.scoreAll("BSD100[20]", 4, providedPairs("sr-BSD100", 4, 20), espcn);
    assertThat(bsd.get("espcn").psnr()).isGreaterThan(bsd.get("lanczos").psnr() - 0.3);
  }
}
