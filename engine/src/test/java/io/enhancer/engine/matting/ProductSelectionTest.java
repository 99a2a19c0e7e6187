package io.enhancer.engine.matting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.models.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class ProductSelectionTest {

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
  }

  private static Mat map() {
    return Mat.zeros(240, 320, CvType.CV_8UC1);
  }

  private static int at(Mat m, int x, int y) {
    return (int) m.get(y, x)[0];
  }

  @Test
  void keepsTheCentralProductAndDropsSceneryCutByTheFrameAndSpecks() {
    Mat m = map();
    Imgproc.rectangle(m, new Point(120, 60), new Point(200, 200), new Scalar(255), -1);   // product
    Imgproc.rectangle(m, new Point(260, 0), new Point(319, 120), new Scalar(255), -1);    // plant cut by the frame
    Imgproc.circle(m, new Point(40, 200), 3, new Scalar(255), -1);                          // speck
    ProductSelection.Selection s = ProductSelection.DEFAULT.select(m);
    assertThat(s.dropped()).isEqualTo(2);
    assertThat(at(s.keep(), 160, 130)).isEqualTo(255);
    assertThat(at(s.keep(), 290, 50)).isZero();
    assertThat(at(s.keep(), 40, 200)).isZero();
    assertThat(s.box().x).isEqualTo(120);
  }

  @Test
  void keepsASecondPieceClearOfTheFrame() {
    Mat m = map();
    Imgproc.rectangle(m, new Point(100, 60), new Point(180, 200), new Scalar(255), -1);
    Imgproc.rectangle(m, new Point(200, 120), new Point(240, 200), new Scalar(255), -1);  // the kit's second piece
    ProductSelection.Selection s = ProductSelection.DEFAULT.select(m);
    assertThat(s.dropped()).isZero();
    assertThat(Core.countNonZero(s.keep())).isEqualTo(Core.countNonZero(m));
  }

  @Test
  void restrictZeroesTheMapOutsideTheKeptRegions() {
    Mat m = map();
    Imgproc.rectangle(m, new Point(120, 60), new Point(200, 200), new Scalar(255), -1);
    Imgproc.rectangle(m, new Point(260, 0), new Point(319, 120), new Scalar(255), -1);
    Mat saliency = new Mat();
    m.convertTo(saliency, CvType.CV_32F, 1 / 255.0);
    Mat full = new Mat();
    Imgproc.resize(saliency, full, new org.opencv.core.Size(640, 480));
    Mat restricted = ProductSelection.restrict(full, ProductSelection.DEFAULT.select(m), 3);
    assertThat(restricted.get(260, 320)[0]).isGreaterThan(0.99);
    assertThat(restricted.get(100, 580)[0]).isZero();
  }

  @Test
  void findsNothingInAnEmptyMap() {
    assertThat(ProductSelection.DEFAULT.select(map()).empty()).isTrue();
  }

  @Test
  void rejectsSettingsOutOfRange() {
    assertThatThrownBy(() -> new ProductSelection(0, 0.5)).hasMessageContaining("minShareOfMain");
    assertThatThrownBy(() -> new ProductSelection(0.2, 1.5)).hasMessageContaining("borderPenalty");
  }
}
