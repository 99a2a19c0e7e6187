package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.engine.api.EngineConfig;
import io.enhancer.engine.api.EnhanceReport;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.api.ReportJson;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.options.Presets;
import io.enhancer.engine.quality.QcStatus;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The label guard is on unless opted out: every report carries {@code label_guard}, skipped with the reason when the
 * photo has no text, a real check (or the missing-OCR reason) when it has; {@code label_guard=false} removes it.
 */
class LabelGuardByDefaultTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Enhancer enhancer;

  @BeforeAll
  static void open() {
    io.enhancer.engine.models.OpenCvRuntime.ensureLoaded();
    enhancer = new Enhancer(EngineConfig.defaults());
  }

  @AfterAll
  static void close() {
    enhancer.close();
  }

  /** A shaded ball on a white backdrop: no print anywhere. */
  static byte[] photoWithoutText() {
    Mat bgr = new Mat(600, 800, CvType.CV_8UC3, new Scalar(245, 245, 245));
    for (int r = 180; r > 0; r -= 2) {
      double shade = 0.55 + 0.45 * (1 - r / 180.0);
      Imgproc.circle(bgr, new Point(400 - (180 - r) * 0.3, 300 - (180 - r) * 0.3), r,
          new Scalar(40 * shade, 120 * shade, 210 * shade), -1);
    }
    Imgproc.GaussianBlur(bgr, bgr, new Size(5, 5), 0);
    return png(bgr);
  }

  static byte[] photoWithLabel() {
    return png(LabelFixtures.render(1000, new Color(250, 250, 250)).bgr());
  }

  @Test
  void defaultOptionsGuardThePhotoAndSaySkippedWhenNoTextIsDetected() throws Exception {
    assertThat(EnhanceOptions.defaults().labelGuard()).isTrue();
    EnhanceReport report = enhancer.enhance(photoWithoutText(),
        EnhanceOptions.builder().mode(Mode.FULL).removeBackground(true).build()).report();

    assertThat(report.labelGuard()).isNotNull();
    assertThat(report.labelGuard().verdict()).isEqualTo(LabelGuardVerdict.SKIPPED);
    assertThat(report.labelGuard().reason()).isEqualTo("skipped: no text detected");
    assertThat(report.labelGuard().blocksAutoApproval()).isFalse();
    assertThat(report.qcStatus()).isNotEqualTo(QcStatus.NEEDS_REVIEW);
    JsonNode json = JSON.readTree(ReportJson.write(report));
    assertThat(json.at("/label_guard/verdict").asText()).isEqualTo("skipped");
    assertThat(json.at("/label_guard/reason").asText()).isEqualTo("skipped: no text detected");
    assertThat(json.at("/decisions/text_regions").asInt(-1)).isZero();
  }

  @Test
  void aPhotoWithALabelIsCheckedOrNamesTheMissingOcr() {
    EnhanceReport report = enhancer.enhance(photoWithLabel(),
        EnhanceOptions.builder().mode(Mode.FULL).removeBackground(false).build()).report();

    LabelGuardResult guard = report.labelGuard();
    assertThat(guard).isNotNull();
    assertThat((Integer) report.decisions().get("text_regions")).isPositive();
    if (TesseractReader.available()) {
      assertThat(guard.verdict()).isNotEqualTo(LabelGuardVerdict.SKIPPED);
      assertThat(guard.textBefore().words()).isPositive();
    } else {
      assertThat(guard.verdict()).isEqualTo(LabelGuardVerdict.SKIPPED);
      assertThat(guard.reason()).contains("text regions detected but OCR is not installed");
    }
  }

  @Test
  void labelGuardFalseOptsOut() {
    EnhanceReport report = enhancer.enhance(photoWithLabel(),
        EnhanceOptions.builder().mode(Mode.FULL).removeBackground(false).labelGuard(false).build()).report();
    assertThat(report.labelGuard()).isNull();
    assertThat(ReportJson.write(report)).doesNotContain("\"label_guard\"");
    assertThat(report.steps()).extracting(s -> s.name()).doesNotContain("label_guard");
  }

  @Test
  void everyBuiltInPresetGuardsAndAPresetFileMayOptOut(@TempDir Path dir) throws Exception {
    Presets builtIn = Presets.builtIn();
    for (String name : builtIn.names()) assertThat(builtIn.get(name).labelGuard()).as(name).isTrue();
    Path file = Files.writeString(dir.resolve("presets.json"),
        "{\"unguarded\": {\"extends\": \"packshot-white\", \"label_guard\": false}}");
    assertThat(builtIn.withFile(file).get("unguarded").labelGuard()).isFalse();
  }

  static byte[] png(Mat bgr) {
    MatOfByte out = new MatOfByte();
    Imgcodecs.imencode(".png", bgr, out);
    return out.toArray();
  }
}
