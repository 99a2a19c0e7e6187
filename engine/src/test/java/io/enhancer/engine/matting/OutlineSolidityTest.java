package io.enhancer.engine.matting;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class OutlineSolidityTest {

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void aBoxAndABottleAreSolid() {
    Mat box = Mat.zeros(600, 800, CvType.CV_8UC1);
    Imgproc.rectangle(box, new Point(300, 150), new Point(500, 500), new Scalar(255), -1);
    assertThat(OutlineSolidity.of(box)).isGreaterThan(0.98);

    Mat bottle = Mat.zeros(600, 800, CvType.CV_8UC1);
    Imgproc.rectangle(bottle, new Point(330, 250), new Point(470, 560), new Scalar(255), -1);
    Imgproc.rectangle(bottle, new Point(375, 150), new Point(425, 250), new Scalar(255), -1);
    assertThat(OutlineSolidity.of(bottle)).isGreaterThan(OutlineSolidity.MIN_PRODUCT_SOLIDITY);
  }

  @Test
  void clutterFusedToTheProductIsIrregular() {
    Mat fused = Mat.zeros(600, 800, CvType.CV_8UC1);
    Imgproc.rectangle(fused, new Point(300, 150), new Point(500, 500), new Scalar(255), -1);
    Imgproc.circle(fused, new Point(230, 220), 90, new Scalar(255), -1);
    Imgproc.circle(fused, new Point(570, 430), 100, new Scalar(255), -1);
    Imgproc.circle(fused, new Point(560, 150), 70, new Scalar(255), -1);
    assertThat(OutlineSolidity.of(fused)).isLessThan(OutlineSolidity.MIN_PRODUCT_SOLIDITY);
  }

  @Test
  void specksDoNotCountAndAnEmptyMatteIsNotIrregular() {
    Mat box = Mat.zeros(600, 800, CvType.CV_8UC1);
    Imgproc.rectangle(box, new Point(300, 150), new Point(500, 500), new Scalar(255), -1);
    Imgproc.line(box, new Point(10, 10), new Point(60, 12), new Scalar(255), 2);
    assertThat(OutlineSolidity.of(box)).isGreaterThan(0.98);
    assertThat(OutlineSolidity.of(Mat.zeros(100, 100, CvType.CV_8UC1))).isEqualTo(1.0);
  }
}
