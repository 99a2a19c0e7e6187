package io.enhancer.engine.quality;

import io.enhancer.engine.models.OpenCvRuntime;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Estimates the standard deviation of additive noise per colour channel, at native size (any resizing would
 * average noise away). Immerkaer's operator (a difference of two Laplacians that cancels smooth image structure)
 * is evaluated on the flattest 30 % of unclipped pixels, chosen by gradient; the median absolute response gives
 * a robust sigma. The gradient is antisymmetric and the operator symmetric, so for white noise the selection does
 * not bias the estimate.
 */
public final class NoiseEstimator {
  /** Native-size centre crop analysed; noise is assumed stationary, so a crop is representative. */
  static final int MAX_PIXELS = 1 << 19;
  private static final double FLAT_SHARE = 0.30;
  /** Immerkaer kernel: its response to noise of sigma s has standard deviation 6 s. */
  private static final double KERNEL_NORM = 6.0;
  private static final double MAD_TO_SIGMA = 0.6745;

  public NoiseEstimator() {
    OpenCvRuntime.ensureLoaded();
  }

  /** Noise sigma (0..255 scale) of an 8-bit BGR image. */
  public double sigma(Mat bgr) {
    return sigmaOfRegion(centreCrop(bgr, MAX_PIXELS, 1));
  }

  static double sigmaOfRegion(Mat bgr) {
    if (bgr.rows() < 8 || bgr.cols() < 8) return 0;
    Mat gray = new Mat();
    Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
    Mat gx = new Mat();
    Mat gy = new Mat();
    Imgproc.Sobel(gray, gx, CvType.CV_16S, 1, 0);
    Imgproc.Sobel(gray, gy, CvType.CV_16S, 0, 1);
    Mat ax = new Mat();
    Mat ay = new Mat();
    Core.convertScaleAbs(gx, ax, 0.25, 0);
    Core.convertScaleAbs(gy, ay, 0.25, 0);
    Mat gradient = new Mat();
    Core.add(ax, ay, gradient);

    // Clipped pixels carry no noise; keep only pixels whose whole 3x3 neighbourhood is unclipped.
    Mat unclipped = new Mat();
    Core.inRange(bgr, new Scalar(4, 4, 4), new Scalar(251, 251, 251), unclipped);
    Imgproc.erode(unclipped, unclipped, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));

    Mat kernel = new Mat(3, 3, CvType.CV_32F);
    kernel.put(0, 0, 1, -2, 1, -2, 4, -2, 1, -2, 1);
    Mat response = new Mat();
    Imgproc.filter2D(bgr, response, CvType.CV_16S, kernel);

    byte[] grad = PixelArrays.bytes(gradient);
    byte[] valid = PixelArrays.bytes(unclipped);
    short[] resp = PixelArrays.shorts(response);
    // Native buffers are freed now rather than by the garbage collector: analysis runs once per image, at scale.
    for (Mat m : new Mat[] {gray, gx, gy, ax, ay, gradient, unclipped, response, kernel}) m.release();
    int w = bgr.cols();
    int h = bgr.rows();

    long[] gradHist = new long[256];
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1, i = y * w + 1; x < w - 1; x++, i++) {
        if (valid[i] != 0) gradHist[grad[i] & 0xFF]++;
      }
    }
    long usable = 0;
    for (long n : gradHist) usable += n;
    if (usable < 64) return 0;
    int flatLimit = PixelArrays.percentile(gradHist, FLAT_SHARE);

    long[] respHist = new long[4096];
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1, i = y * w + 1; x < w - 1; x++, i++) {
        if (valid[i] == 0 || (grad[i] & 0xFF) > flatLimit) continue;
        for (int c = 0; c < 3; c++) {
          respHist[Math.min(4095, Math.abs(resp[i * 3 + c]))]++;
        }
      }
    }
    double median = PixelArrays.percentile(respHist, 0.5);
    return median / (MAD_TO_SIGMA * KERNEL_NORM);
  }

  /** A centred crop of at most {@code maxPixels}, its origin a multiple of {@code align} (keeps JPEG's grid). */
  static Mat centreCrop(Mat image, int maxPixels, int align) {
    int w = image.cols();
    int h = image.rows();
    if ((long) w * h <= maxPixels) return image;
    double scale = Math.sqrt(maxPixels / ((double) w * h));
    int cw = Math.max(8, (int) (w * scale));
    int ch = Math.max(8, (int) (h * scale));
    int x = ((w - cw) / 2) / align * align;
    int y = ((h - ch) / 2) / align * align;
    return image.submat(new Rect(x, y, cw, ch));
  }
}
