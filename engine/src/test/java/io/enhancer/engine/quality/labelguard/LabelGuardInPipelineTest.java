package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.api.EnhanceReport;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.api.ReportJson;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.quality.QcStatus;
import java.awt.Color;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** The guard as the pipeline runs it: after standardise, through the recorded geometry, into the report and QC. */
class LabelGuardInPipelineTest {

  @org.junit.jupiter.api.BeforeAll
  static void loadOpenCv() {
    io.enhancer.engine.models.OpenCvRuntime.ensureLoaded();
  }

  @Test
  void aSmallLabelEnhancedOntoTheCanvasKeepsItsWordsAndCodesAndTheReportSaysSo() {
    Mat small = LabelFixtures.downscaled(LabelFixtures.render(1200, new Color(250, 250, 250)).bgr(), 0.6);
    try (Enhancer enhancer = new Enhancer(EngineConfig.defaults())) {
      EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).removeBackground(false).labelGuard(true).build();
      EnhanceReport report = enhancer.enhance(png(small), options).report();

      LabelGuardResult guard = report.labelGuard();
      assertThat(guard).isNotNull();
      assertThat(guard.framing()).isEqualTo("recorded_geometry");
      assertThat(guard.verdict()).isIn(LabelGuardVerdict.OK, LabelGuardVerdict.IMPROVED);
      assertThat(guard.codesAfter().size()).isGreaterThanOrEqualTo(guard.codesBefore().size());
      assertThat(guard.textAfter().words()).isGreaterThanOrEqualTo((int) (0.9 * guard.textBefore().words()));
      assertThat(report.qcStatus()).isNotEqualTo(QcStatus.REJECTED);
      assertThat(report.steps()).extracting(s -> s.name()).contains("label_guard");
      assertThat(ReportJson.write(report)).contains("\"label_guard\"").contains("\"verdict\"");
    }
  }

  private static byte[] png(Mat bgr) {
    MatOfByte out = new MatOfByte();
    Imgcodecs.imencode(".png", bgr, out);
    return out.toArray();
  }
}
