package io.enhancer.engine.models.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.matting.MatteConfidence;
import io.enhancer.engine.matting.MatteRefiner;

import io.enhancer.engine.models.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Refinement without a model: the coarse map is the true mask reduced to 320 px and blown up again, which is
 * what an ideal 320x320 segmenter would deliver.
 */
class MatteRefinerTest {

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void refinedEdgesFollowTheImageBetterThanTheUpsampledMap() {
    double coarseIou = 0;
    double refinedIou = 0;
    double coarseBoundary = 0;
    double refinedBoundary = 0;
    int n = 4;
    for (int i = 0; i < n; i++) {
      SyntheticProductScenes.Scene scene = SyntheticProductScenes.scene(4 + i);
      Mat coarse = lowResolution(scene.mask(), 320);
      Mat refined = MatteRefiner.DEFAULT.refine(scene.bgr(), coarse, scale(scene.mask(), 320));
      Mat unrefined = MatteRefiner.toMatte(coarse);
      coarseIou += SegmentationScores.iou(unrefined, scene.mask()) / n;
      refinedIou += SegmentationScores.iou(refined, scene.mask()) / n;
      coarseBoundary += SegmentationScores.boundaryF(unrefined, scene.mask()) / n;
      refinedBoundary += SegmentationScores.boundaryF(refined, scene.mask()) / n;
    }

    assertThat(refinedIou).isGreaterThan(0.985).isGreaterThanOrEqualTo(coarseIou - 0.002);
    assertThat(refinedBoundary).isGreaterThan(0.97).isGreaterThanOrEqualTo(coarseBoundary - 0.005);
  }

  @Test
  void confidentRegionsBecomeExactlyZeroOrFull() {
    SyntheticProductScenes.Scene scene = SyntheticProductScenes.scene(9);
    Mat coarse = lowResolution(scene.mask(), 320);

    Mat refined = MatteRefiner.DEFAULT.refine(scene.bgr(), coarse, scale(scene.mask(), 320));

    MatteConfidence confidence = MatteConfidence.of(refined);
    assertThat(confidence.midAlphaShare()).isLessThan(0.03);
    assertThat(refined.get(0, 0)[0]).isZero();
    Mat inside = new Mat();
    Imgproc.erode(scene.mask(), inside, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(41, 41)));
    Mat notFull = new Mat();
    Imgproc.threshold(refined, notFull, 254, 255, Imgproc.THRESH_BINARY_INV);
    Core.bitwise_and(notFull, inside, notFull);
    assertThat(Core.countNonZero(notFull)).isZero();
  }

  @Test
  void keepsAThinStrapAndAHoleThatTheCoarseMapHints() {
    // 1600x1200: a dark product with a 10 px strap and a 90 px hole on a light background.
    Mat bgr = new Mat(1200, 1600, CvType.CV_8UC3, new Scalar(235, 235, 235));
    Mat mask = Mat.zeros(1200, 1600, CvType.CV_8UC1);
    for (Mat target : new Mat[] {bgr, mask}) {
      Scalar fill = target == mask ? Scalar.all(255) : new Scalar(60, 40, 150);
      Imgproc.rectangle(target, new Point(500, 400), new Point(1100, 900), fill, -1);
      Imgproc.line(target, new Point(800, 400), new Point(1400, 150), fill, 10);
      Imgproc.circle(target, new Point(800, 650), 45, target == mask ? Scalar.all(0) : new Scalar(235, 235, 235), -1);
    }
    Mat coarse = lowResolution(mask, 320);

    Mat refined = MatteRefiner.DEFAULT.refine(bgr, coarse, scale(mask, 320));

    assertThat(SegmentationScores.iou(refined, mask)).isGreaterThan(0.97);
    assertThat(refined.get(650, 800)[0]).as("hole centre").isLessThan(30);
    assertThat(refined.get(275, 1100)[0]).as("strap middle").isGreaterThan(200);
  }

  @Test
  void leavesItsInputsUntouched() {
    SyntheticProductScenes.Scene scene = SyntheticProductScenes.scene(5);
    Mat coarse = lowResolution(scene.mask(), 320);
    Mat bgrBefore = scene.bgr().clone();
    Mat coarseBefore = coarse.clone();

    MatteRefiner.DEFAULT.refine(scene.bgr(), coarse, scale(scene.mask(), 320));

    assertThat(Core.norm(scene.bgr(), bgrBefore, Core.NORM_INF)).isZero();
    assertThat(Core.norm(coarse, coarseBefore, Core.NORM_INF)).isZero();
  }

  /** The mask reduced so its longer side is {@code side} px, then enlarged back: a float map in [0,1]. */
  static Mat lowResolution(Mat mask, int side) {
    double f = side / (double) Math.max(mask.cols(), mask.rows());
    Mat small = new Mat();
    Imgproc.resize(mask, small, new Size(Math.round(mask.cols() * f), Math.round(mask.rows() * f)), 0, 0,
        Imgproc.INTER_AREA);
    Mat big = new Mat();
    Imgproc.resize(small, big, mask.size(), 0, 0, Imgproc.INTER_LINEAR);
    Mat map = new Mat();
    big.convertTo(map, CvType.CV_32F, 1.0 / 255);
    return map;
  }

  private static double scale(Mat mask, int side) {
    return Math.max(mask.cols(), mask.rows()) / (double) side;
  }
}
