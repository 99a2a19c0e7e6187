package io.enhancer.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class DeltaETest {

  /** Reference pairs from Sharma, Wu, Dalal (2005), "The CIEDE2000 colour-difference formula", table 1. */
  @ParameterizedTest
  @CsvSource({
      "50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425",
      "50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615",
      "50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412",
      "50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669",
      "50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492",
      "60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644"})
  void matchesSharmaReferenceData(double l1, double a1, double b1, double l2, double a2, double b2, double expected) {
    assertThat(DeltaE.ciede2000(l1, a1, b1, l2, a2, b2)).isCloseTo(expected, within(1e-4));
    assertThat(DeltaE.ciede2000(l2, a2, b2, l1, a1, b1)).isCloseTo(expected, within(1e-4));
  }

  @Test
  void averagesOnlyOverTheMask() {
    Mat a = new Mat(10, 10, CvType.CV_8UC3, new Scalar(40, 120, 200));
    Mat b = a.clone();
    b.submat(0, 5, 0, 10).setTo(new Scalar(40, 120, 230));
    Mat topHalf = Mat.zeros(10, 10, CvType.CV_8UC1);
    topHalf.submat(0, 5, 0, 10).setTo(new Scalar(255));
    Mat bottomHalf = Mat.zeros(10, 10, CvType.CV_8UC1);
    bottomHalf.submat(5, 10, 0, 10).setTo(new Scalar(255));
    double whole = DeltaE.meanCiede2000(a, b, null);
    assertThat(DeltaE.meanCiede2000(a, b, bottomHalf)).isZero();
    assertThat(DeltaE.meanCiede2000(a, b, topHalf)).isCloseTo(2 * whole, within(1e-6)).isGreaterThan(3);
  }
}
