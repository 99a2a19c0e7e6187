package io.enhancer.engine.models.superres;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

/**
 * Integer-factor downscale as MATLAB's {@code imresize(img, 1/s, 'bicubic')} does it (the degradation the SR
 * benchmarks and models use): Keys cubic (a = -0.5) stretched by s for antialiasing, symmetric borders, output pixel
 * i centred on input (i + 0.5) s - 0.5. Only used to make the x3 inputs the datasets lack.
 */
final class MatlabBicubic {
  private MatlabBicubic() {}

  static Mat downscale(Mat bgr8, int s) {
    int radius = 2 * s;
    Mat kernel = new Mat(1, 2 * radius + 1, CvType.CV_64F);
    // centre between two input pixels when s is even: shift the taps by half a pixel
    double centre = (s - 1) / 2.0 - (s - 1) / 2;
    double sum = 0;
    double[] taps = new double[2 * radius + 1];
    for (int i = 0; i < taps.length; i++) {
      taps[i] = cubic((i - radius - centre) / s);
      sum += taps[i];
    }
    for (int i = 0; i < taps.length; i++) kernel.put(0, i, taps[i] / sum);
    Mat f = new Mat();
    bgr8.convertTo(f, CvType.CV_64FC3);
    Mat filtered = new Mat();
    Imgproc.sepFilter2D(f, filtered, -1, kernel, kernel.t(), new Point(radius, radius), 0, Core.BORDER_REFLECT);
    int offset = (s - 1) / 2; // first output sample sits on input index (s-1)/2 (+ centre fraction)
    int rows = bgr8.rows() / s;
    int cols = bgr8.cols() / s;
    Mat small = new Mat(rows, cols, CvType.CV_64FC3);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        small.put(r, c, filtered.get(r * s + offset, c * s + offset));
      }
    }
    Mat out = new Mat();
    small.convertTo(out, CvType.CV_8UC3);
    return out;
  }

  private static double cubic(double x) {
    double a = Math.abs(x);
    if (a <= 1) return 1.5 * a * a * a - 2.5 * a * a + 1;
    if (a < 2) return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
    return 0;
  }
}
