package io.enhancer.engine.quality;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.Frame;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Measures a frame (see {@link ImageMetrics} for what each figure means). Statistics of tone, colour, border and
 * product are taken on a copy of at most 1 MP; noise and JPEG blockiness need native pixels and use a native-size
 * centre crop of at most 1 MP. Never mutates the frame. Thread-safe.
 */
public final class ImageAnalyzer {
  static final int WORKING_PIXELS = 1_000_000;
  private static final int SHADOW_CLIP = 2;
  private static final int HIGHLIGHT_CLIP = 253;
  private static final double SHARPNESS_BLUR_SIGMA = 1.0;
  /** Luma noise of independent per-channel noise: sqrt(0.299^2 + 0.587^2 + 0.114^2). */
  private static final double LUMA_NOISE_SHARE = 0.67;

  public ImageAnalyzer() {
    OpenCvRuntime.ensureLoaded();
  }

  public ImageMetrics analyse(Frame frame) {
    int width = frame.width();
    int height = frame.height();
    double scale = Math.min(1, Math.sqrt(WORKING_PIXELS / ((double) width * height)));
    Mat small = shrunk(frame.bgr(), scale);
    Mat smallMatte = frame.hasMatte() ? shrunk(frame.matte(), scale) : null;
    int w = small.cols();
    int h = small.rows();

    Mat gray = new Mat();
    Imgproc.cvtColor(small, gray, Imgproc.COLOR_BGR2GRAY);
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble std = new MatOfDouble();
    Core.meanStdDev(gray, mean, std);
    byte[] luma = PixelArrays.bytes(gray);
    byte[] bgr = PixelArrays.bytes(small);
    Mat labMat = new Mat();
    Imgproc.cvtColor(small, labMat, Imgproc.COLOR_BGR2Lab);
    byte[] lab = PixelArrays.bytes(labMat);
    labMat.release();

    byte[] smoothed = BorderBand.smoothed(small);
    BorderBand border = BorderBand.of(smoothed, w, h);
    ProductLocator.Region product = smallMatte != null
        ? ProductLocator.fromMatte(smallMatte)
        : ProductLocator.fromBorder(smoothed, w, h, border);
    ColourCastMeter.Cast cast = ColourCastMeter.measure(bgr, lab, border, w * h);
    Tone tone = tone(luma, product.mask(), product.box() != null);

    Mat nativeCrop = NoiseEstimator.centreCrop(frame.bgr(), NoiseEstimator.MAX_PIXELS, 8);
    double noise = NoiseEstimator.sigmaOfRegion(nativeCrop);
    Mat nativeGray = new Mat();
    Imgproc.cvtColor(nativeCrop, nativeGray, Imgproc.COLOR_BGR2GRAY);
    double blockiness = BlockinessMeter.ratio(PixelArrays.bytes(nativeGray), nativeGray.cols(), nativeGray.rows());
    nativeGray.release();
    double sharpness = sharpness(gray, product.box(), noise * scale * LUMA_NOISE_SHARE);
    // Native buffers are freed now rather than by the garbage collector: analysis runs once per image, at scale.
    gray.release();
    if (small != frame.bgr()) small.release();
    if (smallMatte != null && smallMatte != frame.matte()) smallMatte.release();

    BoundingBox box = product.box() == null ? null : toFrame(product.box(), w, h, width, height);
    double fill = box == null ? 0 : Math.max(box.width() / (double) width, box.height() / (double) height);
    return new ImageMetrics(width, height, mean.get(0, 0)[0], tone.shadows, tone.highlights, std.get(0, 0)[0],
        cast.cast(), sharpness, noise, border.uniformity(), border.whiteness(), blockiness,
        box, fill, tone.productLuma, cast.reference());
  }

  private record Tone(double shadows, double highlights, double productLuma) {}

  private static Tone tone(byte[] luma, byte[] productMask, boolean productFound) {
    long shadows = 0;
    long productPixels = 0;
    long productHighlights = 0;
    long productSum = 0;
    long allHighlights = 0;
    long allSum = 0;
    for (int i = 0; i < luma.length; i++) {
      int v = luma[i] & 0xFF;
      allSum += v;
      if (v <= SHADOW_CLIP) shadows++;
      if (v >= HIGHLIGHT_CLIP) allHighlights++;
      if (productFound && productMask[i] != 0) {
        productPixels++;
        productSum += v;
        if (v >= HIGHLIGHT_CLIP) productHighlights++;
      }
    }
    double n = luma.length;
    if (productPixels == 0) return new Tone(shadows / n, allHighlights / n, allSum / n);
    return new Tone(shadows / n, productHighlights / (double) productPixels, productSum / (double) productPixels);
  }

  /**
   * Variance of the Laplacian (of Gaussian) of the product box, with the image brought to 1 MP either way, less
   * what the measured noise alone would contribute (so a noisy blurred image does not read as sharp).
   */
  private static double sharpness(Mat workingGray, BoundingBox workingBox, double workingNoiseSigma) {
    double scale = Math.sqrt(WORKING_PIXELS / ((double) workingGray.cols() * workingGray.rows()));
    // Float throughout: rounding an 8-bit blur adds quantisation noise that the Laplacian amplifies 20x.
    Mat grayFloat = new Mat();
    workingGray.convertTo(grayFloat, CvType.CV_32F);
    Mat fixed = Math.abs(scale - 1) < 0.05 ? grayFloat : resized(grayFloat, scale, Imgproc.INTER_CUBIC);
    Mat region = fixed;
    if (workingBox != null) {
      Rect r = new Rect(
          (int) (workingBox.x() * scale), (int) (workingBox.y() * scale),
          (int) Math.ceil(workingBox.width() * scale), (int) Math.ceil(workingBox.height() * scale));
      r.width = Math.min(r.width, fixed.cols() - r.x);
      r.height = Math.min(r.height, fixed.rows() - r.y);
      if (r.width >= 16 && r.height >= 16) region = fixed.submat(r);
    }
    // A light blur first (Laplacian of Gaussian) so noise, which the QC reports on its own, does not read as detail.
    Mat smoothed = new Mat();
    Imgproc.GaussianBlur(region, smoothed, new Size(0, 0), SHARPNESS_BLUR_SIGMA);
    Mat laplacian = new Mat();
    Imgproc.Laplacian(smoothed, laplacian, CvType.CV_32F);
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble std = new MatOfDouble();
    Core.meanStdDev(laplacian, mean, std);
    double s = std.get(0, 0)[0];
    smoothed.release();
    laplacian.release();
    if (fixed != grayFloat) fixed.release();
    grayFloat.release();
    double noiseShare = workingNoiseSigma * workingNoiseSigma * unitNoiseResponse(scale);
    return Math.max(0, s * s - noiseShare);
  }

  /**
   * Variance that white noise of sigma 1 has after the sharpness measurement (resize by {@code scale}, blur,
   * Laplacian), measured on a fixed pseudo-random patch, so it matches the interpolation exactly.
   */
  static double unitNoiseResponse(double scale) {
    int side = 96;
    Mat noise = new Mat(side, side, CvType.CV_32F);
    float[] values = new float[side * side];
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
    noise.put(0, 0, values);
    Mat fixed = Math.abs(scale - 1) < 0.05 ? noise : resized(noise, scale, Imgproc.INTER_CUBIC);
    Mat smoothed = new Mat();
    Imgproc.GaussianBlur(fixed, smoothed, new Size(0, 0), SHARPNESS_BLUR_SIGMA);
    Mat laplacian = new Mat();
    Imgproc.Laplacian(smoothed, laplacian, CvType.CV_32F);
    int margin = (int) Math.ceil(4 * Math.max(1, scale));
    Mat inner = laplacian.submat(margin, laplacian.rows() - margin, margin, laplacian.cols() - margin);
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble std = new MatOfDouble();
    Core.meanStdDev(inner, mean, std);
    return std.get(0, 0)[0] * std.get(0, 0)[0];
  }

  private static BoundingBox toFrame(BoundingBox b, int w, int h, int width, int height) {
    if (w == width && h == height) return b;
    double sx = width / (double) w;
    double sy = height / (double) h;
    int x = (int) Math.floor(b.x() * sx);
    int y = (int) Math.floor(b.y() * sy);
    int right = Math.min(width, (int) Math.ceil((b.x() + b.width()) * sx));
    int bottom = Math.min(height, (int) Math.ceil((b.y() + b.height()) * sy));
    return new BoundingBox(x, y, right - x, bottom - y);
  }

  /**
   * Downscale for statistics: pyramid halvings while more than 2x too big, then bilinear; several times faster than
   * area averaging at non-integer factors and as good for means and histograms.
   */
  private static Mat shrunk(Mat image, double scale) {
    if (scale >= 1) return image;
    Mat current = image;
    double remaining = scale;
    while (remaining < 0.5) {
      Mat half = new Mat();
      Imgproc.pyrDown(current, half);
      remaining *= current.cols() / (double) half.cols();
      if (current != image) current.release();
      current = half;
    }
    if (remaining > 0.97) return current;
    Mat out = new Mat();
    Size size = new Size(Math.max(1, Math.round(image.cols() * scale)), Math.max(1, Math.round(image.rows() * scale)));
    Imgproc.resize(current, out, size, 0, 0, Imgproc.INTER_LINEAR);
    if (current != image) current.release();
    return out;
  }

  private static Mat resized(Mat image, double scale, int interpolation) {
    if (scale == 1) return image;
    Mat out = new Mat();
    Size size = new Size(Math.max(1, Math.round(image.cols() * scale)), Math.max(1, Math.round(image.rows() * scale)));
    Imgproc.resize(image, out, size, 0, 0, interpolation);
    return out;
  }
}
