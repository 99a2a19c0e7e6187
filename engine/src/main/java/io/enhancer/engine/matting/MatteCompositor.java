package io.enhancer.engine.matting;

import io.enhancer.engine.options.RgbColor;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Puts the product on a plain background with soft, halo-free edges. Edge pixels of a photo mix product and old
 * background; compositing them as they are leaves a fringe of the old colour, so the product colour is recovered
 * first: F = (I - (1 - a) B) / a with B the old background nearby. Where alpha is 0 the output is exactly the new
 * background colour.
 */
public final class MatteCompositor {
  /** Mat.ones fills only the first channel of a multi-channel matrix. */
  private static final Scalar ONE = new Scalar(1, 1, 1);

  private final ContactShadow shadow = new ContactShadow();

  /**
   * @param bgr            the photo
   * @param matte          CV_8UC1 product alpha
   * @param background     new background colour
   * @param decontaminate  recover edge colours (true for estimated mattes; false for a source alpha channel, whose
   *                       edge colours are already the product's own)
   * @param withShadow     add a soft contact shadow under the product
   */
  public Mat composite(Mat bgr, Mat matte, RgbColor background, boolean decontaminate, boolean withShadow) {
    int radius = Math.max(8, Math.max(bgr.cols(), bgr.rows()) / 100);
    if (withShadow) return compositeRegion(bgr, matte, background, decontaminate, true, radius);
    // float work only where alpha is partial (plus the windows it reads): large photos stay affordable
    Scalar colour = new Scalar(background.b(), background.g(), background.r());
    Mat result = new Mat(bgr.size(), CvType.CV_8UC3, colour);
    Mat opaque = new Mat();
    Core.compare(matte, new Scalar(255), opaque, Core.CMP_EQ);
    bgr.copyTo(result, opaque);
    Mat partial = new Mat();
    Core.inRange(matte, new Scalar(1), new Scalar(254), partial);
    MatOfPoint points = new MatOfPoint();
    Core.findNonZero(partial, points);
    if (points.empty()) return result;
    Rect soft = Imgproc.boundingRect(points);
    int margin = 2 * radius + 2;
    int x0 = Math.max(0, soft.x - margin), y0 = Math.max(0, soft.y - margin);
    int x1 = Math.min(bgr.cols(), soft.x + soft.width + margin), y1 = Math.min(bgr.rows(), soft.y + soft.height + margin);
    Rect region = new Rect(x0, y0, x1 - x0, y1 - y0);
    compositeRegion(bgr.submat(region), matte.submat(region), background, decontaminate, false, radius)
        .copyTo(result.submat(region));
    return result;
  }

  private Mat compositeRegion(Mat bgr, Mat matte, RgbColor background, boolean decontaminate, boolean withShadow,
                              int radius) {
    Mat image = new Mat();
    bgr.convertTo(image, CvType.CV_32FC3);
    Mat alpha = new Mat();
    matte.convertTo(alpha, CvType.CV_32F, 1 / 255.0);
    Mat alpha3 = threeChannels(alpha);
    Mat inverse3 = new Mat();
    Core.subtract(new Mat(alpha3.size(), CvType.CV_32FC3, ONE), alpha3, inverse3);

    Mat foreground = decontaminate ? recoverForeground(image, matte, alpha, alpha3, inverse3, radius) : image;

    Mat backdrop = new Mat(bgr.size(), CvType.CV_32FC3, new Scalar(background.b(), background.g(), background.r()));
    if (withShadow) {
      Mat lit = new Mat();
      Core.subtract(new Mat(alpha.size(), CvType.CV_32F, new Scalar(1)), shadow.strength(matte), lit);
      backdrop = backdrop.mul(threeChannels(lit));
    }
    Mat out = new Mat();
    Core.add(foreground.mul(alpha3), backdrop.mul(inverse3), out);
    Mat result = new Mat();
    out.convertTo(result, CvType.CV_8UC3);
    return result;
  }

  private static Mat recoverForeground(Mat image, Mat matte, Mat alpha, Mat alpha3, Mat inverse3, int radius) {
    Mat pureBackground = new Mat();
    Core.compare(matte, new Scalar(0), pureBackground, Core.CMP_EQ);
    Mat pureProduct = new Mat();
    Core.compare(matte, new Scalar(255), pureProduct, Core.CMP_EQ);

    Scalar globalBackground = Core.countNonZero(pureBackground) > 0 ? Core.mean(image, pureBackground)
        : new Scalar(255, 255, 255);
    Mat oldBackground = LocalColourMean.of(image, pureBackground, radius, new Mat(image.size(), CvType.CV_32FC3, globalBackground));
    Mat localProduct = LocalColourMean.of(image, pureProduct, radius, image);

    Mat numerator = new Mat();
    Core.subtract(image, oldBackground.mul(inverse3), numerator);
    Mat safeAlpha = new Mat();
    Core.max(alpha3, new Scalar(0.01, 0.01, 0.01), safeAlpha);
    Mat unmixed = new Mat();
    Core.divide(numerator, safeAlpha, unmixed);
    Core.min(unmixed, new Scalar(255, 255, 255), unmixed);
    Core.max(unmixed, new Scalar(0, 0, 0), unmixed);

    // at faint alpha the division amplifies noise; lean on the nearby product colour instead
    Mat trust = new Mat();
    Core.subtract(alpha, new Scalar(0.1), trust);
    Core.multiply(trust, new Scalar(1 / 0.3), trust);
    Core.min(trust, new Scalar(1), trust);
    Core.max(trust, new Scalar(0), trust);
    Mat trust3 = threeChannels(trust);
    Mat distrust3 = new Mat();
    Core.subtract(new Mat(trust3.size(), CvType.CV_32FC3, ONE), trust3, distrust3);
    Mat foreground = new Mat();
    Core.add(unmixed.mul(trust3), localProduct.mul(distrust3), foreground);
    return foreground;
  }

  private static Mat threeChannels(Mat single) {
    Mat out = new Mat();
    Core.merge(List.of(single, single, single), out);
    return out;
  }
}
