package io.enhancer.engine.matting;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.OpenCvRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The classical cut-out on ECSSD salient-object photos with true masks (every 4th of 0001-0120): mostly cluttered
 * scenes, the classical method's weak case. Floors sit a little below the figures measured when they were set
 * (IoU 0.569, boundary F 0.518, purity 0.792); the table is printed to the test output.
 */
class EcssdCutOutQualityTest {
  private static final Map<String, String> ROWS = new TreeMap<>();

  @BeforeAll
  static void load() {
    OpenCvRuntime.ensureLoaded();
  }

  @AfterAll
  static void printTable() {
    System.out.println(CutOutQuality.header());
    ROWS.values().forEach(System.out::println);
  }

  private static final double FLOOR_IOU = 0.52;
  private static final double FLOOR_BOUNDARY_F = 0.47;
  private static final double FLOOR_PURITY = 0.72;

  @Test
  void cutsOutEcssdSubsetAboveMeasuredFloor() {
    Path dir = TestData.dataset("bgremoval-ECSSD");
    List<Path> images = TestData.images(dir.resolve("images"));
    List<CutOutQuality.Result> results = new ArrayList<>();
    for (int i = 0; i < 120 && i < images.size(); i += 4) {
      String base = baseName(images.get(i));
      Mat bgr = Imgcodecs.imread(images.get(i).toString(), Imgcodecs.IMREAD_COLOR);
      Mat truth = Imgcodecs.imread(dir.resolve("masks").resolve(base + ".png").toString(), Imgcodecs.IMREAD_GRAYSCALE);
      results.add(logged("ecssd " + base, CutOutQuality.measure(bgr, truth)));
    }
    ROWS.put("ECSSD", CutOutQuality.row("ECSSD (every 4th of 0001-0120)", results));
    SegmentationScore mean = SegmentationScore.mean(results.stream().map(CutOutQuality.Result::score).toList());
    assertThat(results).hasSize(30);
    assertThat(mean.iou()).isGreaterThan(FLOOR_IOU);
    assertThat(mean.boundaryF()).isGreaterThan(FLOOR_BOUNDARY_F);
    assertThat(mean.purity()).isGreaterThan(FLOOR_PURITY);
  }

  private static CutOutQuality.Result logged(String name, CutOutQuality.Result r) {
    System.out.printf(Locale.ROOT, "%-20s IoU %.3f BF %.3f purity %.4f soft %.3f%n", name, r.score().iou(),
        r.score().boundaryF(), r.score().purity(), r.softEdgeShare());
    return r;
  }

  private static String baseName(Path p) {
    return p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
  }
}
