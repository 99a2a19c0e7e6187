package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.api.EnhanceReport;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Does keeping model pixels out of text regions change what OCR reads? A small generated label is upscaled with
 * the super-resolution model, once freely and once with text protected, and the guard reads both.
 */
class ProtectedTextMeasurementTest {

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void protectedTextReadsAtLeastAsWellAsModelPixels() {
    Path models = modelsDir();
    Assumptions.assumeTrue(models != null && Files.isDirectory(models.resolve("espcn")),
        "ESPCN not installed in ./models (scripts/install-models.sh links it)");
    Mat small = LabelFixtures.downscaled(LabelFixtures.render(1200, new Color(250, 250, 250)).bgr(), 0.45);
    try (Enhancer enhancer = new Enhancer(EngineConfig.defaults().withModelsDir(models))) {
      EnhanceReport free = run(enhancer, small, false);
      EnhanceReport kept = run(enhancer, small, true);
      System.out.printf("| mode | words before | words after | conf before | conf after | codes before | codes after | verdict |%n");
      for (var r : new EnhanceReport[] {free, kept}) {
        LabelGuardResult g = r.labelGuard();
        System.out.printf("| %s | %d | %d | %.1f | %.1f | %d | %d | %s |%n",
            r == free ? "espcn everywhere" : "text protected", g.textBefore().words(), g.textAfter().words(),
            g.textBefore().meanConfidence(), g.textAfter().meanConfidence(), g.codesBefore().size(),
            g.codesAfter().size(), g.verdict());
      }
      assertThat((String) free.decisions().get("upscaler")).startsWith("espcn");
      assertThat((double) kept.decisions().get("protected_text_share")).isGreaterThan(0.01);
      LabelGuardResult g = kept.labelGuard();
      assertThat(g.textAfter().words()).isGreaterThanOrEqualTo((int) Math.floor(0.9 * free.labelGuard().textAfter().words()));
      assertThat(g.codesAfter().size()).isGreaterThanOrEqualTo(g.codesBefore().size());
      assertThat(g.verdict()).isIn(LabelGuardVerdict.OK, LabelGuardVerdict.IMPROVED);
    }
  }

  private static EnhanceReport run(Enhancer enhancer, Mat bgr, boolean protect) {
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).removeBackground(false).labelGuard(true)
        .protectText(protect).build();
    MatOfByte png = new MatOfByte();
    Imgcodecs.imencode(".png", bgr, png);
    return enhancer.enhance(png.toArray(), options).report();
  }

  private static Path modelsDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw"))) return d.resolve("models");
    }
    return null;
  }
}
