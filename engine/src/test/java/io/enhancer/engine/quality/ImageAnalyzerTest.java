package io.enhancer.engine.quality;

import static io.enhancer.engine.quality.Degradations.blurred;
import static io.enhancer.engine.quality.Degradations.cast;
import static io.enhancer.engine.quality.Degradations.gaussianNoise;
import static io.enhancer.engine.quality.Degradations.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.enhancer.engine.TestData;
import io.enhancer.engine.pipeline.Frame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class ImageAnalyzerTest {
  private final ImageAnalyzer analyzer = new ImageAnalyzer();

  static List<Path> packshots(int n) {
    return TestData.images(TestData.dataset("products-GroceryStore").resolve("iconic")).stream().limit(n).toList();
  }

  static List<Path> kodak(int n) {
    return TestData.images(TestData.dataset("denoise-Kodak24")).stream().limit(n).toList();
  }

  @Test
  void findsWhiteUniformBackdropAndProductOnPackshots() {
    for (Path file : packshots(12)) {
      ImageMetrics m = analyzer.analyse(Frame.of(read(file)));
      assertThat(m.borderWhiteness()).as(file.toString()).isGreaterThan(0.85);
      assertThat(m.borderUniformity()).as(file.toString()).isGreaterThan(0.9);
      assertThat(m.colourCast()).as(file.toString()).isLessThan(2);
      assertThat(m.productBox()).as(file.toString()).isNotNull();
      assertThat(m.productFill()).as(file.toString()).isBetween(0.5, 1.0);
      assertThat(m.productLuma()).as(file.toString()).isLessThan(m.meanLuma());
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {15, 25})
  void estimatesAddedGaussianNoiseWithinTenPercent(double sigma) {
    long seed = 1;
    for (Path file : kodak(6)) {
      Mat noisy = gaussianNoise(read(file), sigma, seed++);
      assertThat(analyzer.analyse(Frame.of(noisy)).noiseSigma()).as(file.toString())
          .isCloseTo(sigma, within(0.1 * sigma));
    }
  }

  @Test
  void readsCleanImagesAsNearlyNoiseFree() {
    for (Path file : kodak(8)) {
      assertThat(analyzer.analyse(Frame.of(read(file))).noiseSigma()).as(file.toString()).isLessThan(3);
    }
  }

  @Test
  void sharpnessDropsWithBlurEvenWhenNoiseIsAdded() {
    for (Path file : kodak(4)) {
      Mat clean = read(file);
      double sharp = analyzer.analyse(Frame.of(clean)).sharpness();
      double blurry = analyzer.analyse(Frame.of(blurred(clean, 2))).sharpness();
      double blurryNoisy = analyzer.analyse(Frame.of(gaussianNoise(blurred(clean, 2), 15, 7))).sharpness();
      assertThat(blurry).as(file.toString()).isLessThan(0.3 * sharp);
      assertThat(blurryNoisy).as(file.toString()).isLessThan(0.4 * sharp);
    }
  }

  @Test
  void sharpnessDoesNotDependOnPixelCount() {
    Mat original = read(TestData.dataset("sr-Urban100").resolve("x2/img_001_SRF_2_HR.png"));
    Mat twice = Degradations.resized(original, original.cols() * 2, original.rows() * 2);
    double a = analyzer.analyse(Frame.of(original)).sharpness();
    double b = analyzer.analyse(Frame.of(twice)).sharpness();
    assertThat(b / a).isBetween(0.7, 1.3);
  }

  @Test
  void detectsJpegBlocks() {
    for (Path file : kodak(4)) {
      Mat clean = read(file);
      assertThat(analyzer.analyse(Frame.of(clean)).blockiness()).as(file.toString()).isBetween(0.9, 1.1);
      assertThat(analyzer.analyse(Frame.of(Degradations.jpeg(clean, 20))).blockiness()).as(file.toString())
          .isGreaterThan(1.3);
    }
  }

  @Test
  void measuresArtificialCastAndItsReference() {
    for (Path file : packshots(6)) {
      ImageMetrics m = analyzer.analyse(Frame.of(cast(read(file), 0.8, 0.93, 1.0)));
      assertThat(m.colourCast()).as(file.toString()).isGreaterThan(8);
      assertThat(m.neutralReference().r()).isGreaterThan(m.neutralReference().b());
    }
  }

  @Test
  void exposureFiguresFollowBrightness() {
    Mat clean = read(packshots(1).get(0));
    ImageMetrics normal = analyzer.analyse(Frame.of(clean));
    ImageMetrics dark = analyzer.analyse(Frame.of(Degradations.scaled(clean, 0.4)));
    assertThat(dark.meanLuma()).isCloseTo(0.4 * normal.meanLuma(), within(3.0));
    assertThat(dark.productLuma()).isLessThan(0.5 * normal.productLuma());
    assertThat(normal.clippedShadows()).isLessThan(0.01);
  }

  @Test
  void productBoxComesFromTheMatteWhenThereIsOne() {
    Mat bgr = new Mat(600, 800, CvType.CV_8UC3, new Scalar(255, 255, 255));
    Mat matte = Mat.zeros(600, 800, CvType.CV_8UC1);
    Imgproc.rectangle(matte, new Point(100, 150), new Point(399, 449), new Scalar(255), -1);
    ImageMetrics m = analyzer.analyse(new Frame(bgr, matte));
    assertThat(iou(m.productBox(), new BoundingBox(100, 150, 300, 300))).isGreaterThan(0.97);
    assertThat(m.productFill()).isCloseTo(0.5, within(0.01));
  }

  @Test
  void productBoxFromBackdropSurvivesNoise() {
    for (Path file : packshots(6)) {
      Mat clean = read(file);
      BoundingBox a = analyzer.analyse(Frame.of(clean)).productBox();
      BoundingBox b = analyzer.analyse(Frame.of(gaussianNoise(clean, 15, 3))).productBox();
      assertThat(iou(a, b)).as(file.toString()).isGreaterThan(0.9);
    }
  }

  @Test
  void productBoxOfALargeFrameMatchesTheDrawnObject() {
    Mat bgr = new Mat(1200, 1600, CvType.CV_8UC3, new Scalar(250, 250, 250));
    Imgproc.circle(bgr, new Point(500, 700), 300, new Scalar(40, 90, 200), -1);
    ImageMetrics m = analyzer.analyse(Frame.of(gaussianNoise(bgr, 10, 5)));
    assertThat(iou(m.productBox(), new BoundingBox(200, 400, 601, 601))).isGreaterThan(0.95);
    assertThat(m.borderUniformity()).isGreaterThan(0.6);
  }

  @Test
  void leavesTheFrameUntouched() {
    Mat bgr = read(packshots(1).get(0));
    Mat copy = bgr.clone();
    analyzer.analyse(Frame.of(bgr));
    assertThat(Core.norm(bgr, copy, Core.NORM_INF)).isZero();
  }

  static double iou(BoundingBox a, BoundingBox b) {
    Rect ra = new Rect(a.x(), a.y(), a.width(), a.height());
    Rect rb = new Rect(b.x(), b.y(), b.width(), b.height());
    int x1 = Math.max(ra.x, rb.x);
    int y1 = Math.max(ra.y, rb.y);
    int x2 = Math.min(ra.x + ra.width, rb.x + rb.width);
    int y2 = Math.min(ra.y + ra.height, rb.y + rb.height);
    double inter = Math.max(0, x2 - x1) * (double) Math.max(0, y2 - y1);
    return inter / (a.area() + (double) b.area() - inter);
  }
}
