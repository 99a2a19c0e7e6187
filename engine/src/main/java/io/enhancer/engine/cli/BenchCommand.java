package io.enhancer.engine.cli;

import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.codec.SourceInfo;
import io.enhancer.engine.errors.EngineException;
import io.enhancer.engine.options.CanvasOptions;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.Mode;
import io.enhancer.engine.pipeline.StepTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench INPUT_DIR}: runs the pipeline in this process on one thread and prints per-step milliseconds
 * (mean, p95), images/s and peak memory as markdown. bench/run-bench.sh adds the ImageMagick and libvips peers.
 */
final class BenchCommand {
  private final PrintStream out;

  BenchCommand(PrintStream out) {
    this.out = out;
  }

  /** A named set of options to time. */
  record Scenario(String name, String flags, EnhanceOptions options) {}

  static final Scenario OPTIMIZE = new Scenario("optimize",
      "--mode optimize --keep-background --canvas 1500x1500 --target-kb 300",
      EnhanceOptions.builder().mode(Mode.OPTIMIZE).removeBackground(false).canvas(CanvasOptions.SQUARE_1500)
          .targetKb(300).build());
  static final Scenario FULL = new Scenario("full", "--mode full --target-kb 500",
      EnhanceOptions.builder().mode(Mode.FULL).targetKb(500).build());

  int run(CommandArguments args) {
    Path dir = Path.of(args.positionals().get(0));
    if (!Files.isDirectory(dir)) throw new UsageException("input folder not found: " + dir);
    int limit = args.intFlag("--limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
    int repeat = args.intFlag("--repeat", 1, 1, 100);
    int warmup = args.intFlag("--warmup", 2, 0, 100);
    Path outDir = args.flag("--out") == null ? null : Path.of(args.flag("--out"));
    Path tsv = args.flag("--tsv") == null ? null : Path.of(args.flag("--tsv"));

    List<Scenario> scenarios;
    if (!args.explicitFlags().isEmpty() && !onlyEngineFlags(args)) {
      if (args.flag("--scenario") != null) throw new UsageException("--scenario and enhancement options exclude each other");
      scenarios = List.of(new Scenario("custom", "(options from the command line)", args.options()));
    } else {
      String which = args.flag("--scenario") == null ? "all" : args.flag("--scenario");
      scenarios = switch (which) {
        case "optimize" -> List.of(OPTIMIZE);
        case "full" -> List.of(FULL);
        case "all" -> List.of(OPTIMIZE, FULL);
        default -> throw new UsageException("--scenario must be optimize|full|all, got '" + which + "'");
      };
    }

    List<Path> images = images(dir, limit);
    if (images.isEmpty()) throw new UsageException("no images in " + dir);
    Enhancer enhancer = new Enhancer(args.engine());
    for (Scenario s : scenarios) {
      ScenarioResult r = time(enhancer, s, images, repeat, warmup, outDir == null ? null : outDir.resolve(s.name()));
      print(r);
      if (tsv != null) appendTsv(tsv, r);
    }
    return ExitStatus.OK;
  }

  private static boolean onlyEngineFlags(CommandArguments args) {
    return args.explicitFlags().stream().allMatch(f -> f.equals("--max-pixels") || f.equals("--max-mb")
        || f.equals("--timeout-s") || f.equals("--models-dir"));
  }

  record ScenarioResult(Scenario scenario, int images, int failed, double meanMegapixels, double seconds,
                        Map<String, List<Double>> stepMillis, List<Double> imageMillis, long peakRssKb,
                        long heapPeakBytes) {}

  private ScenarioResult time(Enhancer enhancer, Scenario s, List<Path> images, int repeat, int warmup, Path outDir) {
    for (int i = 0; i < Math.min(warmup, images.size()); i++) enhanceQuietly(enhancer, images.get(i), s.options());
    System.gc();
    PeakMemory.reset();
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    List<Double> perImage = new ArrayList<>();
    int failed = 0;
    double megapixels = 0;
    long start = System.nanoTime();
    for (int pass = 0; pass < repeat; pass++) {
      for (Path image : images) {
        long t0 = System.nanoTime();
        try {
          long r0 = System.nanoTime();
          byte[] bytes = Files.readAllBytes(image);
          double readMs = (System.nanoTime() - r0) / 1e6;
          EnhanceResult result = enhancer.enhance(bytes, s.options());
          long w0 = System.nanoTime();
          if (outDir != null) OutputFiles.writeAtomically(OutputFiles.outputFor(outDir, image, s.options().format()), result.image());
          double writeMs = (System.nanoTime() - w0) / 1e6;
          steps.computeIfAbsent("read file", k -> new ArrayList<>()).add(readMs);
          for (StepTrace t : result.report().steps()) steps.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t.millis());
          if (outDir != null) steps.computeIfAbsent("write file", k -> new ArrayList<>()).add(writeMs);
          SourceInfo src = result.report().source();
          megapixels += src.width() * (double) src.height() / 1e6;
          perImage.add((System.nanoTime() - t0) / 1e6);
        } catch (EngineException | IOException e) {
          failed++;
          out.println("bench: " + image.getFileName() + " failed: " + e.getMessage());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int ok = perImage.size();
    return new ScenarioResult(s, ok, failed, ok == 0 ? 0 : megapixels / ok, seconds, steps, perImage,
        PeakMemory.rssKb(), PeakMemory.heapPeakBytes());
  }

  private static void enhanceQuietly(Enhancer enhancer, Path image, EnhanceOptions options) {
    try {
      enhancer.enhance(Files.readAllBytes(image), options);
    } catch (EngineException | IOException e) {
      // warm-up only; the timed pass reports failures
    }
  }

  private void print(ScenarioResult r) {
    out.println();
    out.println("### scenario `" + r.scenario().name() + "`: `" + r.scenario().flags() + "`");
    out.println(String.format(Locale.ROOT, "%d images (mean %.2f MP), one thread%s", r.images(), r.meanMegapixels(),
        r.failed() > 0 ? ", " + r.failed() + " failed" : ""));
    out.println();
    out.println("| step | mean ms | p95 ms |");
    out.println("|---|---:|---:|");
    r.stepMillis().forEach((name, ms) ->
        out.println(String.format(Locale.ROOT, "| %s | %.1f | %.1f |", name, mean(ms), p95(ms))));
    out.println(String.format(Locale.ROOT, "| **per image** | **%.1f** | **%.1f** |", mean(r.imageMillis()), p95(r.imageMillis())));
    out.println();
    out.println(String.format(Locale.ROOT, "images/s: %.2f · peak RSS: %s · peak heap: %.0f MB",
        r.seconds() > 0 ? r.images() / r.seconds() : 0,
        r.peakRssKb() > 0 ? String.format(Locale.ROOT, "%.0f MB", r.peakRssKb() / 1024.0) : "n/a",
        r.heapPeakBytes() / 1048576.0));
  }

  private static void appendTsv(Path tsv, ScenarioResult r) {
    String line = String.format(Locale.ROOT, "%s\t%d\t%.4f\t%d\t%.2f\t%.2f\t%.3f%n", r.scenario().name(), r.images(),
        r.seconds(), r.peakRssKb(), mean(r.imageMillis()), p95(r.imageMillis()), r.meanMegapixels());
    try {
      if (tsv.toAbsolutePath().getParent() != null) Files.createDirectories(tsv.toAbsolutePath().getParent());
      Files.writeString(tsv, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Nearest-rank 95th percentile. */
  static double p95(List<Double> v) {
    if (v.isEmpty()) return Double.NaN;
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(0.95 * s.length);
    return s[Math.max(0, rank - 1)];
  }

  private static List<Path> images(Path dir, int limit) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(OutputFiles::looksLikeImage).sorted().limit(limit).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Peak memory of this process: the kernel's high-water mark of resident memory, and the JVM heap's. */
  static final class PeakMemory {
    private PeakMemory() {}

    /** Resets both high-water marks (Linux: writing 5 to clear_refs resets VmHWM). */
    static void reset() {
      try {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      } catch (IOException | RuntimeException e) {
        // not Linux or not permitted: the figure is then the process-lifetime peak
      }
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    /** VmHWM in KiB, or -1 where /proc is missing. */
    static long rssKb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      } catch (IOException | RuntimeException e) {
        return -1;
      }
      return -1;
    }

    static long heapPeakBytes() {
      long sum = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) sum += pool.getPeakUsage().getUsed();
      }
      return sum;
    }
  }
}
