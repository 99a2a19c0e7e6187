package io.enhancer.engine.codec;

import io.enhancer.engine.TestData;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.pipeline.Frame;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Prints codec timings and size trade-offs (not a test: no assertions). Run from engine/ with the test classpath:
 * {@code java -cp target/classes:target/test-classes:<deps> io.enhancer.engine.codec.CodecBenchmark}.
 */
public final class CodecBenchmark {
  private static final int WARMUP = 3;
  private static final int RUNS = 9;

  public static void main(String[] args) throws Exception {
    OpenCvRuntime.ensureLoaded();
    Mat photo = Imgcodecs.imread(TestData.images(TestData.dataset("denoise-Kodak24")).get(0).toString());
    Mat twoMp = new Mat();
    Imgproc.resize(photo, twoMp, new Size(1732, 1155), 0, 0, Imgproc.INTER_CUBIC);
    byte[] jpeg = SampleImages.encode(twoMp, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
    ImageEncoder encoder = new ImageEncoder();

    System.out.printf(Locale.ROOT, "## Decode 2 MP JPEG (1732x1155, %d KB), median thread-CPU ms of %d%n", jpeg.length / 1024, RUNS);
    System.out.println("| path | ms |\n|---|---|");
    row("OpenCV imdecode IMREAD_COLOR", () -> Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR));
    row("ImageIO TwelveMonkeys -> BufferedImage", () -> imageIoRead(jpeg, 0));
    row("ImageIO JDK reader -> BufferedImage", () -> imageIoRead(jpeg, 1));
    row("ImageIO TwelveMonkeys -> BGR Mat", () -> ImageIoPixelReader.read(jpeg, ImageFormat.JPEG, 1));
    row("ImageDecoder.decode (OpenCV path, all checks)", () -> decoder.decode(jpeg));
    row("ImageDecoder.decode maxLongSide=800 (1/2 DCT scale)", () -> decoder.decode(jpeg, 800));
    row("ImageDecoder.decode maxLongSide=200 (1/8 DCT scale)", () -> decoder.decode(jpeg, 200));

    byte[] rotated = SampleImages.insertAfterSoi(SampleImages.encode(SampleImages.quadrants(120, 80), ".jpg"),
        SampleImages.exifOrientationSegment(6, ByteOrder.BIG_ENDIAN));
    Mat withExif = Imgcodecs.imdecode(new MatOfByte(rotated), Imgcodecs.IMREAD_COLOR);
    Mat ignoring = Imgcodecs.imdecode(new MatOfByte(rotated), Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
    System.out.printf(Locale.ROOT, "%nOpenCV on a 120x80 JPEG tagged orientation 6: IMREAD_COLOR -> %dx%d, "
        + "with IMREAD_IGNORE_ORIENTATION -> %dx%d%n", withExif.cols(), withExif.rows(), ignoring.cols(), ignoring.rows());

    System.out.println("\n## Encode (2 MP unless noted), median thread-CPU ms and bytes");
    System.out.println("| encode | ms | KB |\n|---|---|---|");
    encodeRow("JPEG q85 baseline 4:2:0", () -> SampleImages.encode(twoMp, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
    encodeRow("JPEG q85 progressive+optimize 4:2:0 (ours)", () -> ImageEncoder.encodeLossy(twoMp, OutputFormat.JPEG, 85));
    encodeRow("JPEG q92 progressive+optimize 4:4:4 (ours)", () -> ImageEncoder.encodeLossy(twoMp, OutputFormat.JPEG, 92));
    encodeRow("JPEG q92 progressive+optimize 4:2:0", () -> SampleImages.encode(twoMp, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 92,
        Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1, Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1,
        Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420));
    encodeRow("WebP q85", () -> ImageEncoder.encodeLossy(twoMp, OutputFormat.WEBP, 85));
    for (int level : new int[] {1, 3, 6, 9}) {
      encodeRow("PNG level " + level, () -> SampleImages.encode(twoMp, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, level));
    }
    Mat flat = SampleImages.quadrants(600, 600);
    for (int level : new int[] {3, 6, 9}) {
      encodeRow("PNG level " + level + " (600x600 flat graphic)",
          () -> SampleImages.encode(flat, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, level));
    }
    Mat product = productOnWhite(1500);
    for (int level : new int[] {1, 3, 6, 9}) {
      encodeRow("PNG level " + level + " (1500x1500 product on white)",
          () -> SampleImages.encode(product, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, level));
    }

    System.out.println("\n## Chroma subsampling on red/blue label text (white label, 1000x400), q92");
    System.out.println("| sampling | KB | mean abs error over the label (BGR levels) |\n|---|---|---|");
    Mat label = new Mat(400, 1000, org.opencv.core.CvType.CV_8UC3, new Scalar(255, 255, 255));
    Imgproc.putText(label, "ORGANIC 500g", new Point(30, 170), Imgproc.FONT_HERSHEY_SIMPLEX, 3.2, new Scalar(30, 30, 210), 7);
    Imgproc.putText(label, "best before 12/2026", new Point(30, 320), Imgproc.FONT_HERSHEY_SIMPLEX, 2.0, new Scalar(180, 60, 20), 4);
    for (int sampling : new int[] {Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444}) {
      byte[] b = SampleImages.encode(label, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 92, Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1,
          Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, sampling);
      Mat back = Imgcodecs.imdecode(new MatOfByte(b), Imgcodecs.IMREAD_COLOR);
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.2f |%n", sampling == Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444 ? "4:4:4" : "4:2:0",
          b.length / 1024.0, SampleImages.meanAbsDiff(back, label));
    }

    System.out.println("\n## Size-target search on the 2 MP photo (JPEG ceiling q92, floor q30)");
    System.out.println("| format | target KB | quality | KB | fits | attempts | ms |\n|---|---|---|---|---|---|---|");
    Frame frame = Frame.of(twoMp);
    for (OutputFormat format : new OutputFormat[] {OutputFormat.JPEG, OutputFormat.WEBP}) {
      for (int kb : new int[] {50, 150, 300, 1000}) {
        EnhanceOptions options = EnhanceOptions.builder().format(format).quality(92).targetKb(kb).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        EncodedImage e = encoder.encode(frame, options);
        double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %s | %d | %.0f |%n", format.id(), kb, e.quality(),
            e.bytes().length / 1024.0, e.fitsTarget(), e.encodeAttempts(), ms);
      }
    }
  }

  /** A canvas-like image: white background with a centred photo crop, as the pipeline's output looks. */
  private static Mat productOnWhite(int side) {
    Mat canvas = new Mat(side, side, org.opencv.core.CvType.CV_8UC3, new Scalar(255, 255, 255));
    Mat photo = Imgcodecs.imread(TestData.images(TestData.dataset("denoise-Kodak24")).get(4).toString());
    Mat scaled = new Mat();
    Imgproc.resize(photo, scaled, new Size(1100, 733));
    scaled.copyTo(canvas.submat(new org.opencv.core.Rect(200, 383, 1100, 733)));
    return canvas;
  }

  private static Object imageIoRead(byte[] bytes, int readerIndex) {
    try {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
      ImageReader reader = readers.next();
      for (int i = 0; i < readerIndex; i++) reader = readers.next();
      try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
        reader.setInput(in);
        BufferedImage image = reader.read(0);
        reader.dispose();
        return image;
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void row(String name, Supplier<Object> work) {
    System.out.printf(Locale.ROOT, "| %s | %.1f |%n", name, medianMs(work));
  }

  private static void encodeRow(String name, Supplier<byte[]> work) {
    byte[][] last = new byte[1][];
    double ms = medianMs(() -> last[0] = work.get());
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", name, ms, last[0].length / 1024.0);
  }

  /**
   * Median thread CPU time, not wall time: the benchmark shares two cores with other jobs, and every codec call here
   * runs on the calling thread, so CPU time measures the work without the waiting.
   */
  static double medianMs(Supplier<?> work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUP; i++) work.get();
    double[] times = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = threads.getCurrentThreadCpuTime();
      work.get();
      times[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
    }
    Arrays.sort(times);
    return times[RUNS / 2];
  }
}
