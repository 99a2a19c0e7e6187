package io.enhancer.engine.matting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.enhancer.engine.models.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class MatteConfidenceTest {

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void cleanCentredCutOutRaisesNoDoubt() {
    Mat matte = Mat.zeros(400, 400, CvType.CV_8UC1);
    Imgproc.rectangle(matte, new Point(100, 100), new Point(299, 299), Scalar.all(255), -1);

    MatteConfidence c = MatteConfidence.of(matte, matte);

    assertThat(c.productShare()).isCloseTo(0.25, within(0.001));
    assertThat(c.midAlphaShare()).isZero();
    assertThat(c.borderContactShare()).isZero();
    assertThat(c.iouWithReference()).hasValue(1.0);
    assertThat(c.doubts()).isEmpty();
  }

  @Test
  void productCutByTheFrameIsReported() {
    Mat matte = Mat.zeros(400, 400, CvType.CV_8UC1);
    Imgproc.rectangle(matte, new Point(0, 100), new Point(199, 399), Scalar.all(255), -1);

    MatteConfidence c = MatteConfidence.of(matte);

    // left side rows 100..399 (300 px) + bottom row 0..199 (200 px, one corner shared) of 1596 border pixels
    assertThat(c.borderContactShare()).isCloseTo(499.0 / 1596, within(0.002));
    assertThat(c.doubts()).contains("product_touches_border");
  }

  @Test
  void wideGreyAreasCountAsUncertain() {
    Mat matte = Mat.zeros(400, 400, CvType.CV_8UC1);
    Imgproc.rectangle(matte, new Point(100, 100), new Point(299, 299), Scalar.all(255), -1);
    Imgproc.rectangle(matte, new Point(100, 100), new Point(299, 159), Scalar.all(128), -1);

    MatteConfidence c = MatteConfidence.of(matte);

    assertThat(c.midAlphaShare()).isCloseTo(0.3, within(0.001));
    assertThat(c.doubts()).containsExactly("matte_uncertain_edges");
  }

  @Test
  void disagreementWithASecondMaskIsMeasuredAsIou() {
    Mat a = Mat.zeros(400, 400, CvType.CV_8UC1);
    Mat b = Mat.zeros(400, 400, CvType.CV_8UC1);
    Imgproc.rectangle(a, new Point(100, 100), new Point(299, 299), Scalar.all(255), -1);
    Imgproc.rectangle(b, new Point(200, 100), new Point(399, 299), Scalar.all(255), -1);

    MatteConfidence c = MatteConfidence.of(a, b);

    assertThat(c.iouWithReference().orElseThrow()).isCloseTo(1.0 / 3, within(0.001));
    assertThat(c.doubts()).containsExactly("mattes_disagree");
  }

  @Test
  void emptyMatteMeansNoProductFound() {
    MatteConfidence c = MatteConfidence.of(Mat.zeros(100, 100, CvType.CV_8UC1));

    assertThat(c.productShare()).isZero();
    assertThat(c.doubts()).containsExactly("matte_found_no_product");
  }
}
