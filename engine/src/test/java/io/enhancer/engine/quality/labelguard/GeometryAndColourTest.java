package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Pipeline;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.pipeline.steps.StandardiseStep;
import io.enhancer.engine.pipeline.steps.UpscaleStep;
import java.time.Clock;
import java.util.List;
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

  /** Where {@link #standardised} puts the source, as the standardise step records it. */
  private static Placement placed(Rect crop, double scale, int canvas, int offX, int offY) {
    return Placement.cropped(crop, (int) Math.round(crop.width * scale), (int) Math.round(crop.height * scale), offX,
        offY, canvas, canvas);
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
    Placement mapping = placed(crop, 1.5, 1300, 50, 110);

    AlignedPair pair = AlignedPair.of(label.bgr(), after, null, mapping, 1.0);

    assertThat(pair.framing()).isEqualTo("recorded_geometry");
    assertThat(pair.before().size()).isEqualTo(pair.after().size());
    assertThat(pair.before().cols()).isEqualTo(crop.width);
    // Resampling 1.5x up and back costs ~3.4 grey levels on text edges; a mapping off by 6 px costs far more.
    double aligned = meanAbsDiff(pair.before(), pair.after());
    Placement off = placed(crop, 1.5, 1300, 56, 110);
    AlignedPair shifted = AlignedPair.of(label.bgr(), after, null, off, 1.0);
    assertThat(aligned).isLessThan(5.0);
    assertThat(meanAbsDiff(shifted.before(), shifted.after())).isGreaterThan(aligned * 2);
  }

  /** The pipeline's own placement, composed through a 1.37x enlargement and a canvas, brings the result back. */
  @Test
  void aNonIntegerEnlargementThenACanvasIsUndoneThroughTheComposedPlacement() {
    EnhanceOptions options = EnhanceOptions.builder().scale(1.37).canvas(new CanvasOptions(1400, 1200)).fill(0.8)
        .build();
    Frame result = new Pipeline(List.of(new UpscaleStep(), new StandardiseStep())).run(Frame.of(label.bgr()),
        new StepContext(options, null, new StepNotes()), null, Clock.systemUTC(), Pipeline.newTrace());
    Placement placed = result.placement();

    AlignedPair pair = AlignedPair.of(label.bgr(), result.bgr(), null, placed, 1.0);
    double aligned = meanAbsDiff(pair.before(), pair.after());
    Placement twoPixelsOff = new Placement(placed.cropX(), placed.cropY(), placed.cropWidth(), placed.cropHeight(),
        placed.scaleX(), placed.scaleY(), placed.offsetX() + 2, placed.offsetY(), placed.canvasWidth(),
        placed.canvasHeight());
    double shifted = meanAbsDiff(pair.before(), AlignedPair.of(label.bgr(), result.bgr(), null, twoPixelsOff, 1.0).after());

    System.out.printf(java.util.Locale.ROOT, "composed placement %.4fx: MAD aligned %.2f, two pixels off %.2f%n",
        placed.scaleX(), aligned, shifted);
    assertThat(placed.scaleX()).isNotCloseTo(Math.rint(placed.scaleX()), org.assertj.core.data.Offset.offset(0.05));
    assertThat(pair.framing()).isEqualTo("recorded_geometry");
    assertThat(aligned).isLessThan(5.0);
    assertThat(shifted).isGreaterThan(aligned * 1.3);
  }

  @Test
  void canvasThatCutsTheCropIsClippedToTheVisiblePart() {
    Rect crop = label.productBox();
    Mat after = standardised(label.bgr(), crop, 1.0, 900, 0, 0).submat(new Rect(0, 0, 500, 500)).clone();
    Placement mapping = placed(crop, 1.0, 500, 0, 0); // a 500x500 canvas, smaller than the crop

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
