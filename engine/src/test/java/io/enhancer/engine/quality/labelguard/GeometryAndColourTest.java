package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.quality.BoundingBox;
import java.awt.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Mapping the result back onto the source, the product colour check and the text-region mask (no OCR needed). */
class GeometryAndColourTest {
  private static LabelFixtures.Label label;

  @BeforeAll
  static void setUp() {
    OpenCvRuntime.ensureLoaded();
    label = LabelFixtures.render(800, new Color(40, 110, 190));
  }

  /** What a standardise step does: crop the product, scale it, pad it onto a square canvas. */
  private static Mat standardised(Mat source, Rect crop, double scale, int canvas, int offX, int offY) {
    Mat scaled = new Mat();
    Imgproc.resize(source.submat(crop), scaled, new Size(Math.round(crop.width * scale), Math.round(crop.height * scale)),
        0, 0, Imgproc.INTER_CUBIC);
    Mat out = new Mat(canvas, canvas, CvType.CV_8UC3, new Scalar(255, 255, 255));
    scaled.copyTo(out.submat(new Rect(offX, offY, scaled.cols(), scaled.rows())));
    return out;
  }

  private static double meanAbsDiff(Mat a, Mat b) {
    Mat diff = new Mat();
    Core.absdiff(a, b, diff);
    Scalar m = Core.mean(diff);
    return (m.val[0] + m.val[1] + m.val[2]) / 3;
  }

  @Test
  void recordedGeometryMapsTheCanvasBackOntoTheSourceCrop() {
    Rect crop = label.productBox();
    Mat after = standardised(label.bgr(), crop, 1.5, 1300, 50, 110);
    RegionMapping mapping = new RegionMapping(new BoundingBox(crop.x, crop.y, crop.width, crop.height), 1.5, 50, 110);

    AlignedPair pair = AlignedPair.of(label.bgr(), after, null, mapping, 1.0);

    assertThat(pair.framing()).isEqualTo("recorded_geometry");
    assertThat(pair.before().size()).isEqualTo(pair.after().size());
    assertThat(pair.before().cols()).isEqualTo(crop.width);
    // Resampling 1.5x up and back costs ~3.4 grey levels on text edges; a mapping off by 6 px costs far more.
    double aligned = meanAbsDiff(pair.before(), pair.after());
    RegionMapping off = new RegionMapping(mapping.crop(), 1.5, 56, 110);
    AlignedPair shifted = AlignedPair.of(label.bgr(), after, null, off, 1.0);
    assertThat(aligned).isLessThan(5.0);
    assertThat(meanAbsDiff(shifted.before(), shifted.after())).isGreaterThan(aligned * 2);
  }

  @Test
  void canvasThatCutsTheCropIsClippedToTheVisiblePart() {
    Rect crop = label.productBox();
    Mat after = standardised(label.bgr(), crop, 1.0, 900, 0, 0).submat(new Rect(0, 0, 500, 500)).clone();
    RegionMapping mapping = new RegionMapping(new BoundingBox(crop.x, crop.y, crop.width, crop.height), 1.0, 0, 0);

    AlignedPair pair = AlignedPair.of(label.bgr(), after, null, mapping, 1.0);

    assertThat(pair.before().cols()).isEqualTo(500);
    assertThat(pair.before().rows()).isEqualTo(500);
    assertThat(meanAbsDiff(pair.before(), pair.after())).isLessThan(1.0);
  }

  @Test
  void withoutGeometryOnlyAMatchingAspectIsAligned() {
    Mat wider = new Mat(600, 1200, CvType.CV_8UC3, new Scalar(255, 255, 255));
    assertThat(AlignedPair.of(label.bgr(), wider, null, null, 1.0).aligned()).isFalse();
    Mat doubled = LabelFixtures.lanczosUnsharp(label.bgr(), 2.0);
    assertThat(AlignedPair.of(label.bgr(), doubled, null, null, 1.0).framing()).isEqualTo("same_aspect");
  }

  @Test
  void rejectsMappingWithNonPositiveScale() {
    assertThatThrownBy(() -> new RegionMapping(new BoundingBox(0, 0, 10, 10), 0, 0, 0))
        .hasMessageContaining("scale must be in (0, 100), got 0.0");
  }

  @Test
  void ciede2000MatchesSharmaReferencePairs() {
    // Pairs 1, 7 and 17 of Sharma, Wu & Dalal's published test data.
    assertThat(ColourShift.ciede2000(50, 2.6772, -79.7751, 50, 0, -82.7485)).isCloseTo(2.0425, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(ColourShift.ciede2000(50, 0, 0, 50, -1, 2)).isCloseTo(2.3669, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(ColourShift.ciede2000(50, 2.5, 0, 73, 25, -18)).isCloseTo(27.1492, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void sharpeningIsNotColourShiftButATintOnTheProductIs() {
    Mat productMask = Mat.zeros(label.bgr().size(), CvType.CV_8UC1);
    Imgproc.rectangle(productMask, label.productBox(), new Scalar(255), -1);
    Mat sharpened = LabelFixtures.lanczosUnsharp(label.bgr(), 1.0);
    Mat tinted = new Mat();
    Core.multiply(label.bgr(), new Scalar(0.8, 1.0, 1.0), tinted); // less blue: the white label turns cream

    ColourShiftResult sharp = ColourShift.measure(label.bgr(), sharpened, productMask);
    ColourShiftResult tint = ColourShift.measure(label.bgr(), tinted, productMask);

    assertThat(sharp.scope()).isEqualTo("matte");
    assertThat(sharp.meanDeltaE()).isLessThan(1.5);
    assertThat(tint.meanDeltaE()).isGreaterThan(5.0);
    assertThat(tint.p95DeltaE()).isGreaterThanOrEqualTo(tint.meanDeltaE() * 0.8);
  }

  @Test
  void textRegionMaskCoversTheLabelTextAndCodesButLittleElse() {
    Mat mask = new TextRegionDetector().detect(label.bgr());
    // Ground truth: the text block and the code boxes as rendered (800 px wide label: u = 2/3).
    Rect textBlock = new Rect(127, 95, 380, 200);
    double textCovered = inkCovered(mask.submat(textBlock), label.bgr().submat(textBlock));
    double codesCovered = 0;
    for (Rect code : label.codeBoxes().values()) {
      codesCovered += Core.countNonZero(mask.submat(code)) / (double) code.area();
    }
    codesCovered /= label.codeBoxes().size();
    double share = Core.countNonZero(mask) / (double) mask.total();
    System.out.printf("text-region mask: text ink covered %.2f, codes covered %.2f, mask share of image %.2f%n",
        textCovered, codesCovered, share);
    assertThat(textCovered).isGreaterThan(0.95);
    assertThat(codesCovered).isGreaterThan(0.9);
    assertThat(share).isLessThan(0.3);
  }

  /** Dark printed pixels. */
  private static Mat ink(Mat bgr) {
    Mat gray = new Mat(), dark = new Mat();
    Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
    Imgproc.threshold(gray, dark, 128, 255, Imgproc.THRESH_BINARY_INV);
    return dark;
  }

  /** Share of ink pixels inside the mask. */
  private static double inkCovered(Mat mask, Mat bgr) {
    Mat ink = ink(bgr);
    Mat both = new Mat();
    Core.bitwise_and(ink, mask, both);
    return Core.countNonZero(both) / (double) Core.countNonZero(ink);
  }
}
