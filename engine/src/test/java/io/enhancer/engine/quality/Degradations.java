package io.enhancer.engine.quality;

import io.enhancer.engine.models.OpenCvRuntime;
import java.nio.file.Path;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Reads test images and damages them in controlled, reproducible ways (fixed seeds). */
public final class Degradations {
  private Degradations() {}

  public static Mat read(Path file) {
    OpenCvRuntime.ensureLoaded();
    Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
    if (m.empty()) throw new IllegalStateException("cannot read " + file);
    return m;
  }

  /** Multiplies each channel (the way a wrong white balance does). */
  public static Mat cast(Mat bgr, double b, double g, double r) {
    Mat out = new Mat();
    Core.multiply(bgr, new Scalar(b, g, r), out);
    return out;
  }

  public static Mat scaled(Mat bgr, double factor) {
    return cast(bgr, factor, factor, factor);
  }

  /** Independent Gaussian noise per channel, clipped to 0..255; the same seed gives the same noise. */
  public static Mat gaussianNoise(Mat bgr, double sigma, long seed) {
    Random random = new Random(seed);
    float[] noise = new float[(int) bgr.total() * 3];
    for (int i = 0; i < noise.length; i++) noise[i] = (float) (random.nextGaussian() * sigma);
    Mat n = new Mat(bgr.rows(), bgr.cols(), CvType.CV_32FC3);
    n.put(0, 0, noise);
    Mat f = new Mat();
    bgr.convertTo(f, CvType.CV_32FC3);
    Core.add(f, n, f);
    Mat out = new Mat();
    f.convertTo(out, CvType.CV_8UC3);
    return out;
  }

  public static Mat blurred(Mat bgr, double sigma) {
    Mat out = new Mat();
    Imgproc.GaussianBlur(bgr, out, new Size(0, 0), sigma);
    return out;
  }

  public static Mat jpeg(Mat bgr, int quality) {
    MatOfByte bytes = new MatOfByte();
    Imgcodecs.imencode(".jpg", bgr, bytes, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
    return Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_COLOR);
  }

  public static Mat resized(Mat bgr, int width, int height) {
    Mat out = new Mat();
    Imgproc.resize(bgr, out, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
    return out;
  }

  /** Pixels that are not near-white: the product of a packshot on white. */
  public static Mat notWhite(Mat bgr) {
    Mat gray = new Mat();
    Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
    Mat mask = new Mat();
    Imgproc.threshold(gray, mask, 235, 255, Imgproc.THRESH_BINARY_INV);
    return mask;
  }

  public static double meanAbsDiff(Mat a, Mat b) {
    Mat d = new Mat();
    Core.absdiff(a, b, d);
    Scalar s = Core.mean(d);
    return (s.val[0] + s.val[1] + s.val[2]) / 3;
  }
}
