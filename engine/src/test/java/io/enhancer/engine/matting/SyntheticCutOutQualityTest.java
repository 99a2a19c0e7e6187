package io.enhancer.engine.matting;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.models.OpenCvRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * The classical cut-out on generated product photos whose masks are exact: a labelled mug with a handle hole and a
 * thin straw on white, gradient, coloured backgrounds, off-white on white, and running off the bottom edge.
 */
class SyntheticCutOutQualityTest {

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
  }

  @Test
  void cutsOutProductsKeepingHandleHolesOpenAndThinPartsOn() {
    List<CutOutQuality.Result> results = new ArrayList<>();
    for (SyntheticProductScene scene : SyntheticProductScene.standardSet()) {
      CutOutQuality.Result r = CutOutQuality.measure(scene.bgr(), scene.truth());
      double holeOpen = shareBelowHalf(r.out().matte(), scene.hole());
      double thinKept = 1 - shareBelowHalf(r.out().matte(), scene.thinPart());
      System.out.printf(Locale.ROOT, "%-20s IoU %.3f BF %.3f purity %.4f soft %.3f hole-open %.3f thin-kept %.3f%n",
          scene.name(), r.score().iou(), r.score().boundaryF(), r.score().purity(), r.softEdgeShare(), holeOpen,
          thinKept);
      results.add(r);

      assertThat(r.score().iou()).as(scene.name() + " IoU").isGreaterThan(0.97);
      assertThat(r.score().boundaryF()).as(scene.name() + " boundary F").isGreaterThan(0.95);
      assertThat(r.score().purity()).as(scene.name() + " purity").isGreaterThan(0.99);
      assertThat(holeOpen).as(scene.name() + " handle hole open").isGreaterThan(0.85);
      // a 5 px off-white straw on white is the hardest case; it keeps most of its length
      assertThat(thinKept).as(scene.name() + " straw kept").isGreaterThan(scene.name().startsWith("near_white") ? 0.7 : 0.9);
    }
    System.out.println(CutOutQuality.header());
    System.out.println(CutOutQuality.row("synthetic products", results));
    SegmentationScore mean = SegmentationScore.mean(results.stream().map(CutOutQuality.Result::score).toList());
    assertThat(mean.iou()).isGreaterThan(0.98);
    assertThat(mean.purity()).isGreaterThan(0.995);
  }

  private static double shareBelowHalf(Mat matte, Mat region) {
    Mat low = new Mat();
    Core.compare(matte, new Scalar(128), low, Core.CMP_LT);
    Core.bitwise_and(low, region, low);
    int n = Core.countNonZero(region);
    return n == 0 ? 1 : Core.countNonZero(low) / (double) n;
  }
}
