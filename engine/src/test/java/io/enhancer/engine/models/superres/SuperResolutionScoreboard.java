package io.enhancer.engine.models.superres;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.superres.SuperResolutionBenchmark.Pair;
import io.enhancer.engine.models.superres.SuperResolutionBenchmark.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Loads the upscalers once per test class, scores them on pairs and prints/writes the collected table. */
final class SuperResolutionScoreboard implements AutoCloseable {
  private final List<Score> scores = new ArrayList<>();
  private final Map<ModelFamily, OnnxSuperResolver> models = new EnumMap<>(ModelFamily.class);
  /** The same models without input sharpening ("-raw"), to show what the adaptation to smooth inputs does. */
  private final Map<ModelFamily, OnnxSuperResolver> rawModels = new EnumMap<>(ModelFamily.class);
  private final LanczosResolver lanczos = new LanczosResolver();
  private final String reportName;

  SuperResolutionScoreboard(String reportName, Set<ModelFamily> families, Set<ModelFamily> rawFamilies) {
    this.reportName = reportName;
    for (ModelFamily family : families) {
      models.put(family, OnnxSuperResolver.load(TestData.shared().resolve("models"), family,
          OnnxSuperResolver.Settings.withThreads(1)).orElseThrow());
    }
    for (ModelFamily family : rawFamilies) {
      rawModels.put(family, OnnxSuperResolver.load(TestData.shared().resolve("models"), family,
          new OnnxSuperResolver.Settings(1, OnnxSuperResolver.Settings.DEFAULT_TILE_SIZE,
              OnnxSuperResolver.Settings.DEFAULT_TILE_OVERLAP, 0.0)).orElseThrow());
    }
  }

  /** Scores bicubic, Lanczos and every loaded model that has this scale (or the listed subset), keyed by method. */
  Map<String, Score> scoreAll(String set, int scale, List<Pair> pairs, Set<ModelFamily> only) {
    Map<String, BiFunction<Mat, Integer, Mat>> methods = new LinkedHashMap<>();
    methods.put("bicubic", (lr, k) -> {
      Mat out = new Mat();
      Imgproc.resize(lr, out, new Size(lr.cols() * k, lr.rows() * k), 0, 0, Imgproc.INTER_CUBIC);
      return out;
    });
    methods.put("lanczos", lanczos::upscale);
    models.forEach((family, model) -> {
      if (only.contains(family) && model.scales().contains(scale)) methods.put(family.id(), model::upscale);
    });
    rawModels.forEach((family, model) -> {
      if (only.contains(family) && model.scales().contains(scale)) methods.put(family.id() + "-raw", model::upscale);
    });
    Map<String, Score> byMethod = new LinkedHashMap<>();
    methods.forEach((name, upscaler) -> {
      Score score = SuperResolutionBenchmark.score(set, scale, name, pairs, upscaler);
      byMethod.put(name, score);
      synchronized (scores) {
        scores.add(score);
      }
    });
    return byMethod;
  }

  @Override
  public void close() throws IOException {
    StringBuilder table = new StringBuilder(SuperResolutionBenchmark.TABLE_HEADER).append('\n');
    scores.forEach(s -> table.append(s.row()).append('\n'));
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", reportName), table);
    models.values().forEach(OnnxSuperResolver::close);
    rawModels.values().forEach(OnnxSuperResolver::close);
  }
}
