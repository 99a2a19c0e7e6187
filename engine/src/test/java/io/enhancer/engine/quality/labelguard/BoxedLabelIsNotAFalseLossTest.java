package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.api.EnhanceReport;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.matting.LabelledProductScene;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.Presets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A light label box on a dark carton, cut out of a cluttered scene and enlarged onto the canvas: Tesseract's page
 * layout read none of its words in the whole result (at the guard's working size and at eleven sizes around it)
 * while every line reads on its own, so the guard reported "4 words lost" and sent a good picture to review. A loss
 * is now confirmed line by line before it is reported.
 */
class BoxedLabelIsNotAFalseLossTest {

  @BeforeAll
  static void requirements() {
    OpenCvRuntime.ensureLoaded();
    Assumptions.assumeTrue(TesseractReader.available(), "Tesseract is not installed (scripts/install-ocr.sh)");
  }

  @Test
  void aBoxedLabelThatStillReadsIsNotReportedLost() {
    Path models = modelsDir();
    Assumptions.assumeTrue(models != null && Files.isRegularFile(models.resolve("u2netp/model.json")),
        "U²-Netp not installed in ./models (scripts/install-models.sh)");
    LabelledProductScene scene = LabelledProductScene.catalogue(1).get(0); // box, cluttered backdrop
    MatOfByte png = new MatOfByte();
    Imgcodecs.imencode(".png", scene.upload(), png);
    try (Enhancer enhancer = new Enhancer(EngineConfig.defaults().withModelsDir(models))) {
      EnhanceReport report = enhancer.enhance(png.toArray(), Presets.builtIn().get("packshot-white")).report();

      LabelGuardResult guard = report.labelGuard();
      assertThat(guard.textBefore().words()).as("the source label reads").isGreaterThanOrEqualTo(2);
      assertThat(guard.text().kept()).as("its words are found in the result").isGreaterThanOrEqualTo(2);
      assertThat(guard.text().lost()).isZero();
      assertThat(guard.reason()).doesNotContain("lost");
    }
  }

  private static Path modelsDir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw"))) return d.resolve("models");
    }
    return null;
  }
}
