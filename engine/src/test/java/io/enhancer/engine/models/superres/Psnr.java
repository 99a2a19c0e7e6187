package io.enhancer.engine.models.superres;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/** Peak signal-to-noise ratio in dB of two same-size images on a 0..255 scale. */
final class Psnr {
  private Psnr() {}

  static double of(Mat a, Mat b) {
    double sumSquares = Math.pow(Core.norm(a, b, Core.NORM_L2), 2);
    double mse = sumSquares / ((double) a.total() * a.channels());
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
