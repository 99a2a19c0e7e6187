package io.enhancer.engine.quality;

import io.enhancer.engine.models.OpenCvRuntime;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Structural similarity (Wang et al. 2004): 11x11 Gaussian window, sigma 1.5, K1 = 0.01, K2 = 0.03, on 8-bit
 * images; for colour images the mean over channels. 1 = identical.
 */
public final class Ssim {
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);
  private static final Size WINDOW = new Size(11, 11);
  private static final double SIGMA = 1.5;

  private Ssim() {}

  public static double of(Mat a, Mat b) {
    OpenCvRuntime.ensureLoaded();
    if (a.size().width != b.size().width || a.size().height != b.size().height || a.type() != b.type()) {
      throw new IllegalArgumentException("images differ in size or type: " + a + " vs " + b);
    }
    Mat x = new Mat();
    Mat y = new Mat();
    a.convertTo(x, CvType.CV_32F);
    b.convertTo(y, CvType.CV_32F);
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

    Mat numerator = new Mat();
    Mat t1 = new Mat();
    Mat t2 = new Mat();
    Core.add(muXY, muXY, t1);
    Core.add(t1, Scalar.all(C1), t1);
    Core.add(sigmaXY, sigmaXY, t2);
    Core.add(t2, Scalar.all(C2), t2);
    Core.multiply(t1, t2, numerator);
    Mat denominator = new Mat();
    Core.add(muXX, muYY, t1);
    Core.add(t1, Scalar.all(C1), t1);
    Core.add(sigmaXX, sigmaYY, t2);
    Core.add(t2, Scalar.all(C2), t2);
    Core.multiply(t1, t2, denominator);
    Mat map = new Mat();
    Core.divide(numerator, denominator, map);
    Scalar mean = Core.mean(map);
    double sum = 0;
    for (int c = 0; c < a.channels(); c++) sum += mean.val[c];
    return sum / a.channels();
  }

  private static Mat blur(Mat m) {
    Mat out = new Mat();
    Imgproc.GaussianBlur(m, out, WINDOW, SIGMA);
    return out;
  }
}
