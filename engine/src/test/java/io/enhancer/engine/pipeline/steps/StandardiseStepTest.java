package io.enhancer.engine.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.RgbColor;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class StandardiseStepTest {
  private final StandardiseStep step = new StandardiseStep();

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
  }

  static Stream<Arguments> canvases() {
    return Stream.of(
        Arguments.of(1500, 1500, 0.85, true, 900, 700),
        Arguments.of(1500, 1500, 0.85, false, 900, 700),
        Arguments.of(1200, 800, 0.6, true, 640, 900),
        Arguments.of(800, 1200, 1.0, false, 1600, 500),
        Arguments.of(400, 400, 0.85, true, 300, 260));
  }

  @ParameterizedTest(name = "{0}x{1} fill {2} matte {3} from {4}x{5}")
  @MethodSource("canvases")
  void fitsProductToFillOfExactCanvasAndCentresIt(int cw, int ch, double fill, boolean withMatte, int w, int h) {
    Frame input = productOnWhite(w, h, new Rect(w / 5, h / 4, w / 3, h / 2), withMatte);
    EnhanceOptions options = EnhanceOptions.builder().canvas(new CanvasOptions(cw, ch)).fill(fill).build();
    StepNotes notes = new StepNotes();

    Frame out = step.apply(input, new StepContext(options, null, notes));

    assertThat(out.width()).isEqualTo(cw);
    assertThat(out.height()).isEqualTo(ch);
    assertThat(out.hasMatte()).isEqualTo(withMatte);
    Rect box = productBox(out.bgr());
    double relative = Math.max(box.width / (double) cw, box.height / (double) ch);
    assertThat(relative).isCloseTo(fill, within(0.02 * fill));
    assertThat(box.x + box.width / 2.0).isCloseTo(cw / 2.0, within(2.0));
    assertThat(box.y + box.height / 2.0).isCloseTo(ch / 2.0, within(2.0));
    assertThat(backgroundPurity(out.bgr(), box)).isGreaterThanOrEqualTo(0.999);
    assertThat(notes.fact("standardise_geometry")).isInstanceOf(StandardiseStep.Geometry.class);
  }

  @Test
  void recordsAPlacementThatMapsTheProductBoxOntoTheCanvas() {
    Rect product = new Rect(100, 150, 300, 200);
    Frame input = productOnWhite(800, 600, product, true);
    StepNotes notes = new StepNotes();
    Frame out = step.apply(input, new StepContext(EnhanceOptions.defaults(), null, notes));

    Placement p = out.placement();
    Rect box = productBox(out.bgr());
    assertThat(p.cropX()).isCloseTo(product.x, within(1.0));
    assertThat(p.cropWidth()).isCloseTo(product.width, within(2.0));
    assertThat(p.toOutputX(product.x)).isCloseTo(box.x, within(1.0));
    assertThat(p.toOutputY(product.y + product.height)).isCloseTo(box.y + box.height, within(1.0));
    assertThat(p.describes(1500, 1500)).isTrue();
    // the report keeps its own rounded view of the same placement
    StandardiseStep.Geometry g = (StandardiseStep.Geometry) notes.fact("standardise_geometry");
    assertThat(g.cropX()).isEqualTo((int) p.cropX());
    assertThat(g.offsetX()).isEqualTo((int) p.offsetX());
    assertThat(g.scaledWidth()).isEqualTo((int) Math.round(p.cropWidth() * p.scaleX()));
  }

  @Test
  void neverCropsAProductThatRunsOffTheSourceEdge() {
    Rect product = new Rect(200, 300, 400, 300); // reaches the bottom edge of a 800x600 source
    Frame input = productOnWhite(800, 600, product, false);
    EnhanceOptions options = EnhanceOptions.builder().canvas(new CanvasOptions(1000, 1000)).fill(0.8).build();
    Frame out = step.apply(input, new StepContext(options, null, new StepNotes()));

    Rect box = productBox(out.bgr());
    double scale = 0.8 * 1000 / 400.0;
    assertThat(box.width).isCloseTo((int) Math.round(400 * scale), within(3));
    assertThat(box.height).isCloseTo((int) Math.round(300 * scale), within(3));
  }

  @Test
  void returnsTheInputWhenThereIsNoCanvas() {
    Frame input = productOnWhite(400, 300, new Rect(50, 50, 100, 100), true);
    EnhanceOptions options = EnhanceOptions.builder().canvas(null).build();
    assertThat(step.apply(input, new StepContext(options, null, new StepNotes()))).isSameAs(input);
  }

  @Test
  void padsWithTheRequestedBackgroundColour() {
    RgbColor grey = new RgbColor(240, 240, 240);
    Mat bgr = new Mat(300, 400, CvType.CV_8UC3, new Scalar(240, 240, 240));
    Imgproc.rectangle(bgr, new Point(100, 100), new Point(200, 180), new Scalar(20, 60, 200), -1);
    EnhanceOptions options = EnhanceOptions.builder().background(grey).canvas(new CanvasOptions(600, 400)).build();
    Frame out = step.apply(Frame.of(bgr), new StepContext(options, null, new StepNotes()));

    double[] corner = out.bgr().get(2, 2);
    assertThat(corner).containsExactly(240, 240, 240);
    double[] centre = out.bgr().get(200, 300);
    assertThat(centre[2]).isCloseTo(200, within(3.0));
  }

  @Test
  void leavesItsInputUntouched() {
    Frame input = productOnWhite(500, 400, new Rect(60, 80, 200, 150), true);
    Mat before = input.bgr().clone();
    Mat matteBefore = input.matte().clone();
    step.apply(input, new StepContext(EnhanceOptions.defaults(), null, new StepNotes()));
    assertThat(meanAbsDiff(before, input.bgr())).isLessThan(0.001);
    assertThat(meanAbsDiff(matteBefore, input.matte())).isLessThan(0.001);
  }

  /** A shaded product with a dark label, antialiased, on white; matte optional. */
  static Frame productOnWhite(int w, int h, Rect product, boolean withMatte) {
    Mat bgr = new Mat(h, w, CvType.CV_8UC3, new Scalar(255, 255, 255));
    Mat matte = Mat.zeros(h, w, CvType.CV_8UC1);
    Point tl = new Point(product.x, product.y);
    Point br = new Point(product.x + product.width - 1, product.y + product.height - 1);
    Imgproc.rectangle(bgr, tl, br, new Scalar(40, 120, 210), -1);
    Imgproc.rectangle(matte, tl, br, new Scalar(255), -1);
    Imgproc.putText(bgr, "LABEL", new Point(product.x + 10, product.y + product.height / 2.0),
        Imgproc.FONT_HERSHEY_SIMPLEX, Math.max(0.5, product.width / 150.0), new Scalar(20, 20, 20), 2);
    return new Frame(bgr, withMatte ? matte : null);
  }

  /** Box of pixels clearly not white. */
  static Rect productBox(Mat bgr) {
    Mat grey = new Mat();
    Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
    Mat product = new Mat();
    Imgproc.threshold(grey, product, 200, 255, Imgproc.THRESH_BINARY_INV);
    MatOfPoint points = new MatOfPoint();
    Core.findNonZero(product, points);
    return Imgproc.boundingRect(points);
  }

  /** Share of pixels outside the product box (grown by 2 px) that are >= 250 in every channel. */
  static double backgroundPurity(Mat bgr, Rect box) {
    Mat outside = new Mat(bgr.size(), CvType.CV_8UC1, new Scalar(255));
    Imgproc.rectangle(outside, new Point(box.x - 2, box.y - 2), new Point(box.x + box.width + 1, box.y + box.height + 1),
        new Scalar(0), -1);
    Mat white = new Mat();
    Core.inRange(bgr, new Scalar(250, 250, 250), new Scalar(255, 255, 255), white);
    Core.bitwise_and(white, outside, white);
    return Core.countNonZero(white) / (double) Core.countNonZero(outside);
  }

  static double meanAbsDiff(Mat a, Mat b) {
    Mat diff = new Mat();
    Core.absdiff(a, b, diff);
    Scalar mean = Core.mean(diff);
    return (mean.val[0] + mean.val[1] + mean.val[2]) / Math.max(1, a.channels());
  }

}
