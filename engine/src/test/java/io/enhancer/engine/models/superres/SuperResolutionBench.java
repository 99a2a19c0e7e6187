package io.enhancer.engine.models.superres;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.superres.SuperResolutionBenchmark.Pair;
import io.enhancer.engine.models.superres.SuperResolutionBenchmark.Score;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.opencv.core.Mat;

/**
 * Prints, per set and scale, the luminance PSNR of Lanczos and of every super-resolution model at that scale, the
 * gain over Lanczos and the time per output megapixel on one thread. Not a unit test; {@code bench/superres.sh}
 * runs it pinned to one core.
 *
 * <p>Protocol (as the SR literature): LR = MATLAB {@code imresize(hr, 1/k, 'bicubic')} with antialiasing of the HR
 * cropped to a multiple of k (the x2/x4 inputs the sets ship are exactly that; x3 is made by {@link MatlabBicubic});
 * PSNR on BT.601 studio-range Y with k pixels shaved on every side, averaged over the images. Time is the whole
 * {@code upscale} call (colour conversion, tiling, model, merge), the faster of two passes over the set, as
 * this thread's CPU time (ONNX Runtime with one intra-op thread computes on the calling thread) and as wall time.
 *
 * <p>Arguments: optional set names (Set5, Set14) to restrict the run; {@code -Dbench.scales=2,4} restricts the scales.
 */
public final class SuperResolutionBench {
  /** {@code -Dbench.scales=2} restricts the scales (comma-separated). */
  private static final int[] SCALES = java.util.Arrays.stream(System.getProperty("bench.scales", "2,3,4").split(","))
      .mapToInt(Integer::parseInt).toArray();

  private SuperResolutionBench() {}

  public static void main(String[] args) {
    OpenCvRuntime.ensureLoaded();
    Path models = Path.of(System.getProperty("enhancer.models.dir", TestData.shared().resolve("models").toString()));
    List<String> sets = args.length > 0 ? List.of(args) : List.of("Set14", "Set5");

    Map<String, OnnxSuperResolver> resolvers = new LinkedHashMap<>();
    for (ModelFamily family : ModelFamily.values()) {
      OnnxSuperResolver.load(models, family, OnnxSuperResolver.Settings.withThreads(1)).ifPresent(r -> {
        r.warmUp();
        resolvers.put(family.id(), r);
      });
    }
    LanczosResolver lanczos = new LanczosResolver();

    System.out.println("| set | model | scale | PSNR-Y dB | gain over Lanczos dB | ms per output MP (thread CPU) | wall |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String set : sets) {
      for (int scale : SCALES) {
        List<Pair> pairs = pairs(set, scale);
        Score reference = timed(set, scale, "lanczos", pairs, lanczos::upscale);
        System.out.println(row(reference, reference));
        for (var entry : resolvers.entrySet()) {
          if (!entry.getValue().scales().contains(scale)) continue;
          System.out.println(row(timed(set, scale, entry.getKey(), pairs, entry.getValue()::upscale), reference));
        }
      }
    }
    resolvers.values().forEach(OnnxSuperResolver::close);
  }

  /** Shipped pairs where the set has the scale's folder, else MATLAB-bicubic reductions of the x2 ground truth. */
  static List<Pair> pairs(String set, int scale) {
    String dataset = "sr-" + set;
    if (TestData.dataset(dataset).resolve("x" + scale).toFile().isDirectory()) {
      return SuperResolutionBenchmark.providedPairs(dataset, scale, Integer.MAX_VALUE);
    }
    return SuperResolutionBenchmark.derivedPairs(dataset, 2, scale, SuperResolutionBenchmark.Degradation.MATLAB_BICUBIC,
        Integer.MAX_VALUE);
  }

  /** Scores twice and keeps the faster pass's time (the first pass also warms caches and ONNX Runtime's arenas). */
  private static Score timed(String set, int scale, String method, List<Pair> pairs, BiFunction<Mat, Integer, Mat> upscaler) {
    List<Score> passes = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) passes.add(SuperResolutionBenchmark.score(set, scale, method, pairs, upscaler));
    return passes.get(0).cpuMsPerMegapixel() <= passes.get(1).cpuMsPerMegapixel() ? passes.get(0) : passes.get(1);
  }

  private static String row(Score s, Score lanczos) {
    return String.format(Locale.ROOT, "| %s | %s | x%d | %.2f | %+.2f | %.0f | %.0f |",
        s.set(), s.method(), s.scale(), s.psnr(), s.psnr() - lanczos.psnr(), s.cpuMsPerMegapixel(), s.msPerMegapixel());
  }
}
