package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.enhancer.engine.api.ReportJson;
import io.enhancer.engine.models.OpenCvRuntime;
import java.awt.Color;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/** The result as the report will carry it, and the protected-regions mask the integrator feeds to upscaling. */
class LabelGuardReportTest {

  @Test
  void resultSerialisesSnakeCaseWithLowercaseVerdictAndColourReviewReason() throws Exception {
    OpenCvRuntime.ensureLoaded();
    LabelFixtures.Label label = LabelFixtures.render(800, new Color(40, 110, 190));
    Mat tinted = new Mat();
    Core.multiply(label.bgr(), new org.opencv.core.Scalar(0.8, 1.0, 1.0), tinted);

    LabelGuardResult result;
    try (LabelGuard guard = new LabelGuard(LabelGuardOptions.defaults().withMaxProductDeltaE(3.0))) {
      result = guard.check(label.bgr(), tinted, null);
      Mat mask = guard.protectedRegions(label.bgr());
      Rect qr = label.codeBoxes().get("QR_CODE");
      assertThat(Core.countNonZero(mask.submat(qr)) / (double) qr.area()).isGreaterThan(0.95);
    }
    JsonNode json = ReportJson.mapper().readTree(ReportJson.mapper().writeValueAsString(result));

    assertThat(json.get("verdict").asText()).isEqualTo("review");
    assertThat(json.get("reason").asText()).contains("product colour shifted");
    assertThat(json.get("text_before").get("words").asInt()).isGreaterThanOrEqualTo(14);
    assertThat(json.get("text_before").has("mean_confidence")).isTrue();
    assertThat(json.get("codes_before")).hasSize(3);
    assertThat(json.get("codes_lost")).isEmpty();
    assertThat(json.get("colour_shift").get("mean_delta_e").asDouble()).isGreaterThan(3.0);
    assertThat(json.get("framing").asText()).isEqualTo("same_aspect");
    assertThat(json.has("millis")).isTrue();
  }
}
