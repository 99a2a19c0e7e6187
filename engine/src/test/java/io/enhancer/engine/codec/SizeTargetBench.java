package io.enhancer.engine.codec;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.OutputFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Mat;

/**
 * Compares the old bisection with the model-based {@link SizeTargetSearch} on real photos on 1500x1500 canvases (not
 * a test: no assertions; run bench/size-target.sh). Per target and search: encodes per image, thread-CPU ms per
 * image, final size / target and the quality chosen, plus the worst quality shortfall against the bisection, which
 * is exact on monotone curves. Arguments: formats (JPEG, WEBP; default JPEG) and targets in KiB (default 150 300 500),
 * e.g. {@code WEBP 60 100 150}; {@code --detail} adds one row per image.
 */
public final class SizeTargetBench {
  private static final int CANVAS = 1500;
  private static final double FILL = 0.85; // the optimize preset's fill: the product's long side is 1275 px
  private static final int FLOOR = ImageEncoder.LOSSY_QUALITY_FLOOR;
  private static final int CEILING = 92; // the default quality, which is the search's ceiling

  private record Run(String image, int quality, int encodes, double ms, double sizeRatio, boolean fits) {}

  public static void main(String[] args) {
    OpenCvRuntime.ensureLoaded();
    List<OutputFormat> formats = new ArrayList<>();
    List<Integer> targetsKb = new ArrayList<>();
    boolean detail = false;
    for (String a : args) {
      if (a.equals("--detail")) detail = true;
      else if (a.matches("\\d+")) targetsKb.add(Integer.parseInt(a));
      else formats.add(OutputFormat.valueOf(a.toUpperCase(Locale.ROOT)));
    }
    if (formats.isEmpty()) formats.add(OutputFormat.JPEG);
    if (targetsKb.isEmpty()) targetsKb.addAll(List.of(150, 300, 500));

    List<Path> photos = photos();
    List<Mat> canvases = photos.stream().map(p -> SampleImages.photoCanvas(p, CANVAS, FILL)).toList();
    System.out.printf(Locale.ROOT, "%d photos (%s) on %dx%d white canvases (long side %d px, Lanczos); quality %d..%d%n",
        photos.size(), "Kodak24 every 3rd + GroceryStore natural-val, 4 spread", CANVAS, CANVAS,
        Math.round(CANVAS * FILL), FLOOR, CEILING);
    for (OutputFormat format : formats) {
      SizeCurve curve = ImageEncoder.sizeCurve(format);
      for (Mat c : canvases) ImageEncoder.encodeLossy(c, format, 85); // warm-up: JIT and codec tables
      System.out.printf(Locale.ROOT, "%n## %s, one thread%n", format);
      System.out.println("| target | search | encodes median (mean, max) | ms/image median (mean) "
          + "| final/target median (min) | fits | quality median | quality below bisection: worst (images) |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      List<String> detailRows = new ArrayList<>();
      for (int kb : targetsKb) {
        long target = kb * 1024L;
        List<Run> old = new ArrayList<>();
        List<Run> model = new ArrayList<>();
        for (int i = 0; i < canvases.size(); i++) {
          Mat c = canvases.get(i);
          String name = photos.get(i).getFileName().toString();
          old.add(measure(name, target, counter -> BisectionSizeSearch.search(enc(c, format, counter), target, FLOOR, CEILING)));
          model.add(measure(name, target, counter -> SizeTargetSearch.search(enc(c, format, counter), target, FLOOR, CEILING, curve)));
          Run o = old.get(i), m = model.get(i);
          detailRows.add(String.format(Locale.ROOT, "| %d | %s | q%d, %d enc, %.2f | q%d, %d enc, %.2f |",
              kb, name, o.quality, o.encodes, o.sizeRatio, m.quality, m.encodes, m.sizeRatio));
        }
        System.out.println(row(kb, "bisection (old)", old, old));
        System.out.println(row(kb, "size model (new)", model, old));
      }
      if (detail) {
        System.out.printf(Locale.ROOT, "%n| target KiB | image | bisection: quality, encodes, size/target | model |%n|---|---|---|---|%n");
        detailRows.forEach(System.out::println);
      }
    }
  }

  private interface Search {
    SizeTargetSearch.Result run(int[] counter);
  }

  /** Runs one search, counting encodes and the thread's CPU time (the encodes run native on this thread). */
  private static Run measure(String image, long target, Search search) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int[] counter = {0};
    long start = threads.getCurrentThreadCpuTime();
    SizeTargetSearch.Result r = search.run(counter);
    double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6;
    if (r.attempts() != counter[0]) throw new IllegalStateException("attempts " + r.attempts() + " != encodes " + counter[0]);
    return new Run(image, r.quality(), counter[0], ms, r.bytes().length / (double) target, r.fitsTarget());
  }

  private static java.util.function.IntFunction<byte[]> enc(Mat canvas, OutputFormat format, int[] counter) {
    return q -> {
      counter[0]++;
      return ImageEncoder.encodeLossy(canvas, format, q);
    };
  }

  private static String row(int kb, String label, List<Run> runs, List<Run> reference) {
    double[] encodes = runs.stream().mapToDouble(Run::encodes).toArray();
    double[] ms = runs.stream().mapToDouble(Run::ms).toArray();
    double[] ratio = runs.stream().mapToDouble(Run::sizeRatio).toArray();
    double[] quality = runs.stream().mapToDouble(Run::quality).toArray();
    int worst = 0;
    int below = 0;
    for (int i = 0; i < runs.size(); i++) {
      int shortfall = reference.get(i).quality - runs.get(i).quality;
      worst = Math.max(worst, shortfall);
      if (shortfall > 0) below++;
    }
    long fits = runs.stream().filter(Run::fits).count();
    return String.format(Locale.ROOT, "| %d KiB | %s | %.1f (%.2f, %d) | %.0f (%.0f) | %.3f (%.3f) | %d/%d | %.1f | %d (%d) |",
        kb, label, median(encodes), mean(encodes), (int) max(encodes), median(ms), mean(ms), median(ratio),
        min(ratio), fits, runs.size(), median(quality), worst, below);
  }

  private static List<Path> photos() {
    List<Path> kodak = TestData.images(TestData.dataset("denoise-Kodak24"));
    List<Path> grocery = TestData.images(TestData.dataset("products-GroceryStore").resolve("natural-val"));
    List<Path> photos = new ArrayList<>();
    for (int i = 0; i < kodak.size(); i += 3) photos.add(kodak.get(i));
    for (int i = 0; i < 4; i++) photos.add(grocery.get(i * grocery.size() / 4));
    return photos;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
