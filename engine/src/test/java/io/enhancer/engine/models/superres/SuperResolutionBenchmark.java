package io.enhancer.engine.models.superres;

import io.enhancer.engine.quality.Ssim;
import io.enhancer.engine.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.opencv.core.Mat;
import org.opencv.core.Range;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Scores upscalers on the SR benchmark sets: each low-resolution image is enlarged by the set's factor and compared
 * with its ground truth on luminance (PSNR, SSIM, border of {@code scale} pixels shaved), as the SR literature does.
 */
final class SuperResolutionBenchmark {

  /** A ground-truth image and its low-resolution input. */
  record Pair(String name, Mat hr, Mat lr) {}

  /**
   * Mean scores of one method on one set; {@code msPerMegapixel} is wall time per output megapixel, and
   * {@code cpuMsPerMegapixel} the calling thread's CPU time (with one ONNX thread the model runs on it), which other
   * processes on a shared machine disturb far less.
   */
  record Score(String set, int scale, String method, int images, double psnr, double ssim, double msPerMegapixel,
               double cpuMsPerMegapixel) {
    String row() {
      return String.format(Locale.ROOT, "| %-12s | x%d | %-13s | %3d | %6.2f | %6.4f | %8.0f |",
          set, scale, method, images, psnr, ssim, msPerMegapixel);
    }
  }

  static final String TABLE_HEADER = "| set          | k  | method        |   n | PSNR-Y | SSIM-Y | ms/MP out |\n"
      + "|---|---|---|---|---|---|---|";

  private SuperResolutionBenchmark() {}

  /** The first {@code limit} pairs of {@code <dataset>/x<scale>/} (files {@code *_HR.png} + {@code *_LR.png}). */
  static List<Pair> providedPairs(String dataset, int scale, int limit) {
    Path dir = TestData.dataset(dataset).resolve("x" + scale);
    List<Pair> pairs = new ArrayList<>();
    for (Path hrPath : TestData.images(dir)) {
      String file = hrPath.getFileName().toString();
      if (!file.endsWith("_HR.png")) continue;
      if (pairs.size() == limit) break;
      Mat hr = Imgcodecs.imread(hrPath.toString(), Imgcodecs.IMREAD_COLOR);
      Mat lr = Imgcodecs.imread(dir.resolve(file.replace("_HR.png", "_LR.png")).toString(), Imgcodecs.IMREAD_COLOR);
      pairs.add(new Pair(file.replace("_HR.png", ""), hr, lr));
    }
    return pairs;
  }

  /** How a derived low-resolution input is made from the ground truth. */
  enum Degradation {
    /** MATLAB imresize bicubic with antialiasing: what the benchmark sets ship. */
    MATLAB_BICUBIC,
    /** OpenCV INTER_CUBIC without antialiasing: what the ESPCN/FSRCNN/LapSRN exports were trained on. */
    OPENCV_CUBIC;

    Mat apply(Mat hr, int scale) {
      if (this == MATLAB_BICUBIC) return MatlabBicubic.downscale(hr, scale);
      Mat lr = new Mat();
      Imgproc.resize(hr, lr, new Size(hr.cols() / scale, hr.rows() / scale), 0, 0, Imgproc.INTER_CUBIC);
      return lr;
    }
  }

  /**
   * Pairs for a factor or degradation the set does not ship: the ground truth of {@code sourceScale}'s folder
   * cropped to a multiple of k, then reduced by {@code degradation}.
   */
  static List<Pair> derivedPairs(String dataset, int sourceScale, int scale, Degradation degradation, int limit) {
    List<Pair> pairs = new ArrayList<>();
    for (Pair p : providedPairs(dataset, sourceScale, limit)) {
      Mat hr = p.hr().submat(new Range(0, p.hr().rows() / scale * scale), new Range(0, p.hr().cols() / scale * scale)).clone();
      pairs.add(new Pair(p.name(), hr, degradation.apply(hr, scale)));
    }
    return pairs;
  }

  static Score score(String set, int scale, String method, List<Pair> pairs, BiFunction<Mat, Integer, Mat> upscaler) {
    double psnr = 0;
    double ssim = 0;
    double nanos = 0;
    double cpuNanos = 0;
    double megapixels = 0;
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (Pair p : pairs) {
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Mat sr = upscaler.apply(p.lr(), scale);
      nanos += System.nanoTime() - start;
      cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
      if (sr.rows() != p.hr().rows() || sr.cols() != p.hr().cols()) {
        throw new AssertionError(method + " gave " + sr.size() + " for " + p.name() + ", expected " + p.hr().size());
      }
      Mat srY = EvaluationLuma.of(sr, scale);
      Mat hrY = EvaluationLuma.of(p.hr(), scale);
      psnr += Psnr.of(srY, hrY);
      ssim += Ssim.of(srY, hrY);
      megapixels += sr.total() / 1e6;
    }
    int n = pairs.size();
    return new Score(set, scale, method, n, psnr / n, ssim / n, nanos / 1e6 / megapixels, cpuNanos / 1e6 / megapixels);
  }
}
