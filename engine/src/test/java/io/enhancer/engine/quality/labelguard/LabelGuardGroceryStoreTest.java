package io.enhancer.engine.quality.labelguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.Frame;
import io.enhancer.engine.pipeline.Placement;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Real packaging (milk, juice and yoghurt cartons, 198 px web shots and 348 px shop photos): how often the guard
 * reads text at all, whether a benign enhancement is left alone, and what it costs. The brand (the first word of
 * the file name, e.g. "Arla", "Tropicana") is the one word whose spelling we know.
 */
class LabelGuardGroceryStoreTest {
  private static LabelGuard guard;

  @BeforeAll
  static void setUp() {
    OpenCvRuntime.ensureLoaded();
    guard = new LabelGuard(LabelGuardOptions.defaults());
  }

  @AfterAll
  static void tearDown() {
    guard.close();
  }

  /** Every third iconic carton (11) and 6 shop photos spread over the set. */
  private static List<Path> subset() {
    Path root = TestData.dataset("products-GroceryStore");
    List<Path> iconic = TestData.images(root.resolve("iconic")).stream()
        .filter(p -> p.getFileName().toString().startsWith("Packages__")).toList();
    List<Path> natural = TestData.images(root.resolve("natural-val")).stream()
        .filter(p -> p.getFileName().toString().startsWith("Packages__")).toList();
    List<Path> chosen = new ArrayList<>();
    IntStream.range(0, iconic.size()).filter(i -> i % 3 == 0).limit(11).forEach(i -> chosen.add(iconic.get(i)));
    IntStream.range(0, 6).forEach(i -> chosen.add(natural.get(i * natural.size() / 6)));
    return chosen;
  }

  private static String brand(Path image) {
    String name = image.getFileName().toString().substring("Packages__".length());
    return WordComparison.normalise(name.split("[-_]")[0]);
  }

  @Test
  void benignUpscaleIsMostlyLeftAloneAndSharpeningReadsAtLeastAsWell() {
    Map<String, UnaryOperator<Mat>> enhancements = new LinkedHashMap<>();
    enhancements.put("cubic 2x", m -> {
      Mat up = new Mat();
      Imgproc.resize(m, up, new Size(m.cols() * 2.0, m.rows() * 2.0), 0, 0, Imgproc.INTER_CUBIC);
      return up;
    });
    enhancements.put("lanczos 2x+unsharp", m -> LabelFixtures.lanczosUnsharp(m, 2.0));

    List<Path> images = subset();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean(); // CPU time: the machine is shared, wall time is noise
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%n%-20s %4s %9s %9s %8s %8s %9s %9s %-28s %7s%n", "enhancement", "n", "words_b", "words_a", "conf_b",
        "conf_a", "brand_b", "brand_a", "verdicts", "cpu_ms"));
    Map<String, Map<LabelGuardVerdict, Integer>> verdictsByMode = new LinkedHashMap<>();
    Map<String, double[]> wordsByMode = new LinkedHashMap<>();
    for (var enhancement : enhancements.entrySet()) {
      Map<LabelGuardVerdict, Integer> verdicts = new EnumMap<>(LabelGuardVerdict.class);
      double wordsBefore = 0, wordsAfter = 0, confBefore = 0, confAfter = 0;
      int brandBefore = 0, brandAfter = 0;
      List<Double> millis = new ArrayList<>();
      for (Path path : images) {
        Mat before = Imgcodecs.imread(path.toString(), Imgcodecs.IMREAD_COLOR);
        Mat after = enhancement.getValue().apply(before);
        long cpuStart = threads.getCurrentThreadCpuTime();
        LabelGuard.Inspection seen = guard.inspect(Frame.of(before), Frame.of(after),
            Placement.resized(before.cols(), before.rows(), after.cols(), after.rows()));
        LabelGuardResult r = seen.result();
        verdicts.merge(r.verdict(), 1, Integer::sum);
        wordsBefore += r.textBefore().words();
        wordsAfter += r.textAfter().words();
        confBefore += r.textBefore().meanConfidence();
        confAfter += r.textAfter().meanConfidence();
        String brand = brand(path);
        if (seen.wordsBefore().stream().anyMatch(w -> WordComparison.normalise(w.text()).equals(brand))) brandBefore++;
        if (seen.wordsAfter().stream().anyMatch(w -> WordComparison.normalise(w.text()).equals(brand))) brandAfter++;
        millis.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e6);
        if (r.verdict() != LabelGuardVerdict.OK) {
          System.out.println(enhancement.getKey() + " " + path.getFileName() + ": " + r.verdict().id() + " " + r.reason());
        }
      }
      int n = images.size();
      millis.sort(null);
      table.append(String.format(Locale.ROOT, "%-20s %4d %9.1f %9.1f %8.1f %8.1f %9d %9d %-28s %7.0f%n",
          enhancement.getKey(), n, wordsBefore / n, wordsAfter / n, confBefore / n, confAfter / n, brandBefore,
          brandAfter, verdicts.toString(), millis.get(n / 2)));
      verdictsByMode.put(enhancement.getKey(), verdicts);
      wordsByMode.put(enhancement.getKey(), new double[] {wordsBefore / n, wordsAfter / n});
    }
    System.out.println(table);

    Map<LabelGuardVerdict, Integer> benign = verdictsByMode.get("cubic 2x");
    int flagged = benign.getOrDefault(LabelGuardVerdict.REVIEW, 0) + benign.getOrDefault(LabelGuardVerdict.REJECT, 0);
    assertThat(flagged).as("benign upscale flagged %s", benign).isLessThanOrEqualTo(images.size() / 4);
    assertThat(benign.getOrDefault(LabelGuardVerdict.REJECT, 0)).isZero();
    double[] sharpened = wordsByMode.get("lanczos 2x+unsharp");
    assertThat(sharpened[0]).as("cartons have readable words").isGreaterThan(1.0);
    assertThat(sharpened[1]).isGreaterThanOrEqualTo(sharpened[0] * 0.8);
  }
}
