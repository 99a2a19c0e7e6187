package io.enhancer.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.enhancer.engine.models.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Rect2d;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The one mapping from source pixels to output pixels: composition, inversion, boxes and the warp matrix. */
class PlacementTest {

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void anEnlargementThenACanvasMapsLikeTheTwoStepsOneAfterTheOther() {
    Placement enlarged = Placement.resized(400, 300, 548, 411);
    Placement canvas = Placement.cropped(new Rect(61, 40, 300, 250), 812, 677, 94, 61, 1000, 800);
    Placement both = enlarged.then(canvas);

    for (double x : new double[] {44.53, 100, 263.5}) {
      assertThat(both.toOutputX(x)).isCloseTo(canvas.toOutputX(enlarged.toOutputX(x)), within(1e-9));
      assertThat(both.toSourceX(both.toOutputX(x))).isCloseTo(x, within(1e-9));
    }
    assertThat(both.toOutputY(77.7)).isCloseTo(canvas.toOutputY(enlarged.toOutputY(77.7)), within(1e-9));
    assertThat(both.scaleX()).isCloseTo(548 / 400.0 * 812 / 300.0, within(1e-12));
    assertThat(both.scaleY()).isCloseTo(411 / 300.0 * 677 / 250.0, within(1e-12));
    // the source region kept is the canvas' trim box seen from the source, fractional
    assertThat(both.cropX()).isCloseTo(61 * 400 / 548.0, within(1e-9));
    assertThat(both.cropWidth()).isCloseTo(300 * 400 / 548.0, within(1e-9));
    assertThat(both.offsetX()).isCloseTo(94, within(1e-9));
    assertThat(both.describes(1000, 800)).isTrue();
  }

  @Test
  void theIdentityIsNeutralOnEitherSide() {
    Placement p = Placement.cropped(new Rect(10, 20, 30, 40), 45, 60, 5, 6, 100, 100);
    assertThat(Placement.identity(200, 100).then(p)).isEqualTo(p);
    assertThat(p.then(Placement.identity(100, 100))).isEqualTo(p);
    assertThat(Placement.identity(7, 9).isIdentity()).isTrue();
    assertThat(p.isIdentity()).isFalse();
  }

  @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
  @CsvSource({"400, 300, 548, 411", "97, 61, 300, 200", "640, 480, 320, 240"})
  void theWarpMatrixDrawsAnImageWhereResizeWouldPutIt(int w, int h, int toW, int toH) {
    Mat image = new Mat(h, w, CvType.CV_8UC1, new Scalar(0));
    Imgproc.rectangle(image, new Point(w / 4.0, h / 3.0), new Point(w / 2.0, 2 * h / 3.0), new Scalar(255), -1);
    Mat resized = new Mat();
    Imgproc.resize(image, resized, new Size(toW, toH), 0, 0, Imgproc.INTER_LINEAR);
    Mat warped = new Mat();
    Placement p = Placement.resized(w, h, toW, toH);
    Imgproc.warpAffine(image, warped, p.sourceToOutputAffine(), new Size(p.canvasWidth(), p.canvasHeight()),
        Imgproc.INTER_LINEAR);
    // the edges fall on the same pixels: half a pixel off would differ by ~127 levels along them; the two
    // interpolators' fixed-point weights differ by a few levels
    assertThat(Core.norm(resized, warped, Core.NORM_INF)).isLessThanOrEqualTo(16);
  }

  @Test
  void aBoxMapsByItsEdgesAndIsClippedToTheCanvas() {
    Placement p = Placement.cropped(new Rect(100, 50, 200, 100), 274, 137, 13, 20, 300, 160);
    Rect2d exact = p.toOutput(new Rect2d(151, 60, 20, 10));
    assertThat(exact.x).isCloseTo(13 + 51 * 1.37, within(1e-9));
    assertThat(exact.width).isCloseTo(20 * 1.37, within(1e-9));
    // 82.87..110.27 across, 33.7..47.4 down
    assertThat(p.outputPixels(new Rect(151, 60, 20, 10))).contains(new Rect(83, 34, 27, 13));
    assertThat(p.outputPixels(new Rect(290, 140, 50, 50)).orElseThrow().br()).isEqualTo(new Point(300, 160));
    assertThat(p.outputPixels(new Rect(0, 0, 10, 10))).isEmpty();
  }

  @Test
  void theVisibleSourceIsThePartOfTheCropOnTheCanvas() {
    // a 200 px crop enlarged 2x onto a 300 px canvas from x = 0: only the first 150 source px show
    Placement p = Placement.cropped(new Rect(40, 0, 200, 100), 400, 200, 0, 0, 300, 200);
    Rect2d visible = p.visibleSource().orElseThrow();
    assertThat(visible.x).isEqualTo(40);
    assertThat(visible.width).isEqualTo(150);
    assertThat(visible.height).isEqualTo(100);
  }

  @Test
  void rejectsValuesThatDescribeNoPlacementNamingThem() {
    assertThatThrownBy(() -> new Placement(0, 0, 10, 10, 0, 1, 0, 0, 10, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("placement scale must be positive, got 0.0 x 1.0");
    assertThatThrownBy(() -> new Placement(0, 0, 0, 10, 1, 1, 0, 0, 10, 10))
        .hasMessage("placement crop must have a positive size, got 0.0x10.0");
    assertThatThrownBy(() -> new Placement(0, Double.NaN, 10, 10, 1, 1, 0, 0, 10, 10))
        .hasMessage("placement values must be finite, got NaN");
    assertThatThrownBy(() -> Placement.identity(10, 10).then(Placement.cropped(new Rect(20, 20, 5, 5), 5, 5, 0, 0, 5, 5)))
        .hasMessageContaining("keeps none of the source region");
  }
}
