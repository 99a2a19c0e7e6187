package io.enhancer.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.superres.LanczosResolver;
import io.enhancer.engine.models.superres.OnnxSuperResolver;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.quality.BoundingBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class UpscaleStepTest {
  private final UpscaleStep step = new UpscaleStep();

  @BeforeAll
  static void opencv() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void enlargesSmallProductTowardsTheCanvasUpToMaxScale() {
    Mat photo = product(400, 300);
    photo.setTo(new Scalar(255, 255, 255), grey(photo)); // on the canvas' white, the product's box is the ellipse
    Mat copy = photo.clone();
    StepContext context = StepContexts.of(EnhanceOptions.builder().maxScale(4).build(), 400, 300,
        new BoundingBox(150, 75, 100, 150), 0);
    Frame out = step.apply(Frame.of(photo), context);

    // the box standardise will trim to is the 200x200 ellipse: needs 1500 * 0.85 / 200 = 6.4x, capped at 4x
    assertThat(out.width()).isEqualTo(1600);
    assertThat(out.height()).isEqualTo(1200);
    assertThat(context.notes().fact("upscale_factor")).isEqualTo(4.0);
    assertThat(context.notes().fact("upscaler")).isEqualTo("lanczos");
    assertThat(out.placement()).isEqualTo(Placement.resized(400, 300, 1600, 1200));
    assertThat(context.notes().penalties()).containsEntry("source upscaled 4.0x", 12.5);
    assertThat(Core.norm(photo, copy, Core.NORM_INF)).isZero();
  }

  @Test
  void fallsBackToTheMatteBoxAndUpscalesTheMatteAlongside() {
    Mat photo = product(400, 400);
    Mat matte = Mat.zeros(400, 400, CvType.CV_8UC1);
    Imgproc.rectangle(matte, new Point(100, 100), new Point(299, 299), new Scalar(255), -1);
    EnhanceOptions options = EnhanceOptions.builder().canvas(new CanvasOptions(500, 500)).fill(0.8).build();
    StepContext context = StepContexts.of(options, 800, 800); // analysis of another size: not this frame's box
    Frame out = step.apply(new Frame(photo, matte), context);

    // 500 * 0.8 / 200 = 2x
    assertThat(out.width()).isEqualTo(800);
    assertThat(out.matte().size()).isEqualTo(out.bgr().size());
    assertThat(Core.mean(out.matte()).val[0]).isCloseTo(Core.mean(matte).val[0], org.assertj.core.data.Offset.offset(1.0));
    assertThat(context.notes().penalties()).containsKey("source upscaled 2.0x");
  }

  @Test
  void withoutCanvasReachesTheTargetShorterSide() {
    EnhanceOptions options = EnhanceOptions.builder().canvas(null).targetMinDimension(450).build();
    StepContext context = StepContexts.of(options, 400, 300);
    Frame out = step.apply(Frame.of(product(400, 300)), context);

    assertThat(out.height()).isEqualTo(450);
    assertThat(out.width()).isEqualTo(600);
    assertThat(context.notes().penalties()).isEmpty(); // 1.5x is below the penalty threshold
  }

  @ParameterizedTest(name = "{0}x{1} with mode {2} is left alone")
  @CsvSource({
      "1400, 1400, AUTO",   // 1500 * 0.85 / 1400 < 1: big enough
      "1200, 1200, AUTO",   // 1.06x: not worth it
      "400, 300, OPTIMIZE", // mode does not upscale
      "400, 300, SHARPEN"})
  void leavesFrameAloneWhenUpscalingIsNotNeededOrNotAsked(int width, int height, Mode mode) {
    Frame input = Frame.of(product(width, height));
    StepContext context = StepContexts.of(EnhanceOptions.builder().mode(mode).build(), width, height);
    assertThat(step.apply(input, context)).isSameAs(input);
    assertThat(context.notes().facts()).doesNotContainKey("upscale_factor");
  }

  @Test
  void withAnOnnxModelBeatsLanczosAgainstTheGroundTruth() {
    Mat lr = Imgcodecs.imread(TestData.dataset("sr-Urban100").resolve("x2/img_004_SRF_2_LR.png").toString());
    Mat hr = Imgcodecs.imread(TestData.dataset("sr-Urban100").resolve("x2/img_004_SRF_2_HR.png").toString());
    EnhanceOptions options = EnhanceOptions.builder().canvas(null).targetMinDimension(hr.rows()).build();
    try (OnnxSuperResolver espcn = OnnxSuperResolver.load(TestData.shared().resolve("models"), "espcn", 1).orElseThrow()) {
      StepContext context = StepContexts.of(options, lr.cols(), lr.rows());
      Frame learned = new UpscaleStep(espcn).apply(Frame.of(lr), context);
      Frame classical = new UpscaleStep(new LanczosResolver()).apply(Frame.of(lr), StepContexts.of(options, lr.cols(), lr.rows()));

      assertThat(learned.bgr().size()).isEqualTo(hr.size());
      assertThat(context.notes().fact("upscaler")).isEqualTo("espcn");
      System.out.printf("Urban100 img_004 x2 through UpscaleStep: espcn %.2f dB, lanczos %.2f dB (BGR PSNR)%n",
          Core.PSNR(learned.bgr(), hr), Core.PSNR(classical.bgr(), hr));
      assertThat(Core.PSNR(learned.bgr(), hr)).isGreaterThan(Core.PSNR(classical.bgr(), hr) + 0.3);
    }
  }

  /** A textured product on a light backdrop. */
  /** Where the backdrop grey of {@link #product} shows. */
  private static Mat grey(Mat image) {
    Mat mask = new Mat();
    Core.inRange(image, new Scalar(235, 235, 235), new Scalar(235, 235, 235), mask);
    return mask;
  }

  /**
   * A frame whose product box (what the standardise step trims to) differs from the analysis': the upscale step
   * must size for the former, or standardise resamples the enlarged frame a second time.
   */
  @Test
  void sizesForTheBoxTheCanvasWillTrimToSoStandardiseNeedNotResampleAgain() {
    Mat photo = product(400, 300);
    photo.setTo(new Scalar(255, 255, 255), grey(photo));
    EnhanceOptions options = EnhanceOptions.builder().canvas(new CanvasOptions(1000, 1000)).fill(0.8).maxScale(8).build();
    StepContext context = StepContexts.of(options, 400, 300, new BoundingBox(150, 75, 100, 150), 0);
    Frame up = step.apply(Frame.of(photo), context);
    Frame placed = new StandardiseStep().apply(up, context);

    assertThat(placed.width()).isEqualTo(1000);
    StandardiseStep.Geometry g = (StandardiseStep.Geometry) context.notes().fact("standardise_geometry");
    assertThat(g.scale()).as("standardise's own scale after the upscale").isBetween(0.99, 1.01);
    // the placement spans both steps: the product's box in the photo lands where the canvas shows it
    org.opencv.core.Rect expected = placed.placement().outputPixels(StandardiseStepTest.productBox(photo)).orElseThrow();
    org.opencv.core.Rect found = StandardiseStepTest.productBox(placed.bgr());
    assertThat(Math.abs(found.x - expected.x)).isLessThanOrEqualTo(2);
    assertThat(Math.abs(found.br().y - expected.br().y)).isLessThanOrEqualTo(2);
  }

  private static Mat product(int width, int height) {
    Mat image = new Mat(height, width, CvType.CV_8UC3, new Scalar(235, 235, 235));
    Imgproc.ellipse(image, new Point(width / 2.0, height / 2.0), new org.opencv.core.Size(width / 4.0, height / 3.0), 0, 0,
        360, new Scalar(30, 80, 180), -1);
    Imgproc.putText(image, "ACME", new Point(width / 2.0 - 40, height / 2.0), Imgproc.FONT_HERSHEY_SIMPLEX, 1,
        new Scalar(255, 255, 255), 2);
    return image;
  }
}
