package io.enhancer.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.api.EnhanceReport;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.matting.LabelledProductScene;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.segmentation.InstalledModels;
import io.enhancer.engine.options.Presets;
import io.enhancer.engine.quality.QcStatus;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Do no harm for cut-outs: a result whose outline says background objects are fused to the product, or whose
 * independent cross-check disagrees, waits for a reviewer instead of being auto-approved. Before: the quality bench's
 * pouch-cluttered scene (IoU 0.46, purity 0.78) and box-cluttered scene (IoU 0.82, purity 0.79) were auto-approved.
 */
class DoubtfulCutOutsGoToReviewTest {
  private static Enhancer enhancer;
  private static List<LabelledProductScene> scenes;

  @BeforeAll
  static void open() {
    OpenCvRuntime.ensureLoaded();
    InstalledModels.u2netp();
    enhancer = new Enhancer(EngineConfig.defaults().withModelsDir(InstalledModels.modelsDir()));
    scenes = LabelledProductScene.catalogue(10);
  }

  @AfterAll
  static void close() {
    enhancer.close();
  }

  @Test
  void clutterFusedToThePouchIsSentToReviewWithTheReason() {
    EnhanceReport report = enhance(scene("pouch-cluttered"));
    assertThat(report.qcStatus()).isEqualTo(QcStatus.NEEDS_REVIEW);
    assertThat(report.reasons()).anyMatch(r -> r.startsWith("cut-out outline irregular"));
  }

  @Test
  void aDisputedCutOutIsSentToReview() {
    EnhanceReport report = enhance(scene("box-cluttered"));
    assertThat(report.qcStatus()).isEqualTo(QcStatus.NEEDS_REVIEW);
    assertThat(report.reasons()).anyMatch(r -> r.contains("cut-outs disagree"));
  }

  @Test
  void aCleanBoxIsStillApprovedWithoutDoubts() {
    EnhanceReport report = enhance(scene("box-gradient-jpeg"));
    assertThat(report.reasons()).noneMatch(r -> r.startsWith("cut-out"));
    assertThat(report.qcStatus()).isEqualTo(QcStatus.AUTO_APPROVED);
  }

  private static LabelledProductScene scene(String prefix) {
    return scenes.stream().filter(s -> s.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  private static EnhanceReport enhance(LabelledProductScene scene) {
    MatOfByte png = new MatOfByte();
    Imgcodecs.imencode(".png", scene.upload(), png);
    return enhancer.enhance(png.toArray(), Presets.builtIn().get("packshot-white")).report();
  }
}
