package io.enhancer.engine.matting;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The mean colour of selected pixels in a window around every pixel (normalised convolution): "the background just
 * outside this edge", "the product just inside it".
 */
final class LocalColourMean {
  /** Weight of the fallback colour; it only matters where no selected pixel is in the window. */
  private static final double EPS = 1e-3;

  private LocalColourMean() {}

  /**
   * @param image    CV_32FC3
   * @param where    CV_8UC1, non-zero = pixel counts
   * @param radius   window radius
   * @param fallback CV_32FC3 colours used where the window holds no counted pixel
   */
  static Mat of(Mat image, Mat where, int radius, Mat fallback) {
    Mat weight = new Mat();
    where.convertTo(weight, CvType.CV_32F, 1 / 255.0);
    Mat weighted = image.mul(threeChannels(weight));
    Size window = new Size(2 * radius + 1, 2 * radius + 1);
    Mat sum = new Mat();
    Imgproc.boxFilter(weighted, sum, CvType.CV_32F, window);
    Mat count = new Mat();
    Imgproc.boxFilter(weight, count, CvType.CV_32F, window);
    Mat fallbackTerm = new Mat();
    Core.multiply(fallback, new Scalar(EPS, EPS, EPS), fallbackTerm);
    Core.add(sum, fallbackTerm, sum);
    Core.add(count, new Scalar(EPS), count);
    Mat mean = new Mat();
    Core.divide(sum, threeChannels(count), mean);
    return mean;
  }

  static Mat threeChannels(Mat single) {
    Mat out = new Mat();
    Core.merge(List.of(single, single, single), out);
    return out;
  }
}
