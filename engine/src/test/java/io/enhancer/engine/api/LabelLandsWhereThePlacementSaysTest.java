package io.enhancer.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.steps.StandardiseStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Rect2d;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A label's box in the source, mapped through the final frame's placement (what the label guard and the quality
 * bench both use), lands where the label really is in the output: after an enlargement by a non-integer factor and
 * a canvas that scales and offsets it again. The old mapping divided by the report's rounded factor and floored the
 * crop, and was off by pixels after such an enlargement.
 */
class LabelLandsWhereThePlacementSaysTest {
  /** A black label on a light product, the whole product well inside the photo. */
  private static final Rect PRODUCT = new Rect(93, 71, 211, 157);
  private static final Rect LABEL = new Rect(151, 113, 41, 23);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void aLabelOnAPhotoEnlarged137TimesOntoAnOffsetCanvasLandsWithinAPixel() {
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).removeBackground(false).labelGuard(false)
        .scale(1.37).canvas(new CanvasOptions(1000, 800)).fill(0.7).build();
    Placement[] placement = new Placement[1];
    Mat[] output = new Mat[1];
    EnhanceReport report;
    try (Enhancer enhancer = new Enhancer(EngineConfig.defaults())) {
      report = enhancer.enhance(png(photo()), options, f -> {
        placement[0] = f.placement();
        output[0] = f.bgr().clone();
      }).report();
    }

    Placement p = placement[0];
    assertThat(p.describes(1000, 800)).isTrue();
    assertThat(p.scaleX()).as("enlarged by a non-integer factor").isNotCloseTo(Math.rint(p.scaleX()), within(0.05));
    assertThat(p.offsetX()).as("placed at an offset").isGreaterThan(10);
    assertThat(p.offsetY()).isGreaterThan(10);

    Rect2d expected = p.toOutput(new Rect2d(LABEL.x, LABEL.y, LABEL.width, LABEL.height));
    Rect found = darkBox(output[0]);
    System.out.printf(java.util.Locale.ROOT, "label at 1.37x onto the canvas: expected x %.2f..%.2f y %.2f..%.2f,"
        + " found %s (scale %.4f x %.4f, offset %.2f, %.2f)%n", expected.x, expected.x + expected.width, expected.y,
        expected.y + expected.height, found, p.scaleX(), p.scaleY(), p.offsetX(), p.offsetY());
    assertThat(found.x).isCloseTo((int) Math.round(expected.x), within(1));
    assertThat(found.y).isCloseTo((int) Math.round(expected.y), within(1));
    assertThat(found.x + found.width).isCloseTo((int) Math.round(expected.x + expected.width), within(1));
    assertThat(found.y + found.height).isCloseTo((int) Math.round(expected.y + expected.height), within(1));
    assertThat(p.outputPixels(LABEL).orElseThrow()).satisfies(r -> {
      assertThat(Math.abs(r.x - found.x)).isLessThanOrEqualTo(1);
      assertThat(Math.abs(r.br().y - found.br().y)).isLessThanOrEqualTo(1);
    });

    // the report keeps its fields: rounded for people, exact sizes for whoever recomputes
    Map<String, Object> decisions = report.decisions();
    assertThat(decisions.get("upscale_factor")).isEqualTo(1.37);
    assertThat(decisions.get("upscaled_size")).isEqualTo(List.of(548, 411));
    assertThat(decisions.get("standardise_geometry")).isInstanceOf(StandardiseStep.Geometry.class);
    assertThat(ReportJson.write(report)).contains("\"standardise_geometry\"").contains("\"crop_x\"")
        .contains("\"scaled_width\"").contains("\"offset_x\"");
  }

  private static Mat photo() {
    Mat bgr = new Mat(300, 400, CvType.CV_8UC3, new Scalar(255, 255, 255));
    Imgproc.rectangle(bgr, PRODUCT.tl(), new Point(PRODUCT.br().x - 1, PRODUCT.br().y - 1), new Scalar(200, 180, 160), -1);
    Imgproc.rectangle(bgr, LABEL.tl(), new Point(LABEL.br().x - 1, LABEL.br().y - 1), new Scalar(0, 0, 0), -1);
    return bgr;
  }

  /** The box of clearly dark pixels: the label, whatever the steps did to its edges. */
  private static Rect darkBox(Mat bgr) {
    Mat grey = new Mat();
    Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
    Mat dark = new Mat();
    // half way between the label (0) and the product (~180): where the resampled edge crosses the true edge
    Imgproc.threshold(grey, dark, 90, 255, Imgproc.THRESH_BINARY_INV);
    MatOfPoint points = new MatOfPoint();
    Core.findNonZero(dark, points);
    return Imgproc.boundingRect(points);
  }

  private static byte[] png(Mat bgr) {
    MatOfByte out = new MatOfByte();
    Imgcodecs.imencode(".png", bgr, out);
    return out.toArray();
  }
}
