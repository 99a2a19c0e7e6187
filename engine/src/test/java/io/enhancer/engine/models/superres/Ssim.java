package io.enhancer.engine.models.superres;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Range;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Structural similarity (Wang et al. 2004) of two single-channel images on a 0..255 scale: 11x11 Gaussian window,
 * sigma 1.5, K1 0.01, K2 0.03, averaged over positions where the window fits (as the reference MATLAB code).
 */
final class Ssim {
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);
  private static final int HALF_WINDOW = 5;

  private Ssim() {}

  static double of(Mat a, Mat b) {
    Mat x = new Mat();
    Mat y = new Mat();
    a.convertTo(x, CvType.CV_64F);
    b.convertTo(y, CvType.CV_64F);
    Mat muX = blur(x);
    Mat muY = blur(y);
    Mat muXX = muX.mul(muX);
    Mat muYY = muY.mul(muY);
    Mat muXY = muX.mul(muY);
    Mat sigmaXX = new Mat();
    Mat sigmaYY = new Mat();
    Mat sigmaXY = new Mat();
    Core.subtract(blur(x.mul(x)), muXX, sigmaXX);
    Core.subtract(blur(y.mul(y)), muYY, sigmaYY);
    Core.subtract(blur(x.mul(y)), muXY, sigmaXY);

    Mat left = new Mat();
    Core.multiply(muXY, new Scalar(2), left);
    Core.add(left, new Scalar(C1), left);
    Mat right = new Mat();
    Core.multiply(sigmaXY, new Scalar(2), right);
    Core.add(right, new Scalar(C2), right);
    Mat numerator = left.mul(right);

    Mat d1 = new Mat();
    Core.add(muXX, muYY, d1);
    Core.add(d1, new Scalar(C1), d1);
    Mat d2 = new Mat();
    Core.add(sigmaXX, sigmaYY, d2);
    Core.add(d2, new Scalar(C2), d2);
    Mat map = new Mat();
    Core.divide(numerator, d1.mul(d2), map);
    Mat valid = map.submat(new Range(HALF_WINDOW, map.rows() - HALF_WINDOW), new Range(HALF_WINDOW, map.cols() - HALF_WINDOW));
    return Core.mean(valid).val[0];
  }

  private static Mat blur(Mat m) {
    Mat out = new Mat();
    Imgproc.GaussianBlur(m, out, new Size(2 * HALF_WINDOW + 1, 2 * HALF_WINDOW + 1), 1.5, 1.5, Core.BORDER_REFLECT);
    return out;
  }
}
