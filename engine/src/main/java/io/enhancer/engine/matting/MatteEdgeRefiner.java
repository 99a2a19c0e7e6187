package io.enhancer.engine.matting;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a hard mask found at a working resolution into a soft full-resolution matte: upsample, then a guided filter
 * with the full-resolution image as guide, applied only in a band around the mask's outline so that flat areas keep
 * exact 0 and 255.
 */
public final class MatteEdgeRefiner {
  private static final double EPS = 2e-4;
  /** Alphas this close to 0 or 1 are snapped, so background stays exactly background. */
  private static final double SNAP = 0.04;

  /**
   * @param hardMask CV_8UC1 0/255 mask at working resolution
   * @param fullBgr  full-resolution image
   * @return CV_8UC1 matte at full resolution
   */
  public Mat refine(Mat hardMask, Mat fullBgr) {
    int width = fullBgr.cols(), height = fullBgr.rows();
    double upscale = Math.max(width / (double) hardMask.cols(), height / (double) hardMask.rows());
    int radius = Math.max(2, (int) Math.round(2 * upscale));

    Mat up = new Mat();
    Imgproc.resize(hardMask, up, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
    Mat hard = new Mat();
    Imgproc.threshold(up, hard, 127, 255, Imgproc.THRESH_BINARY);

    Mat guide = new Mat();
    fullBgr.convertTo(guide, CvType.CV_32FC3, 1 / 255.0);
    Mat input = new Mat();
    up.convertTo(input, CvType.CV_32F, 1 / 255.0);
    Mat soft = new GuidedFilter(radius, EPS).filter(guide, input);

    Mat band = outlineBand(hard, radius);
    Mat alpha = new Mat();
    hard.convertTo(alpha, CvType.CV_32F, 1 / 255.0);
    soft = unmixWhereColoursDiffer(soft, guide, hard, radius);
    soft.copyTo(alpha, band);
    snap(alpha);
    Mat matte = new Mat();
    alpha.convertTo(matte, CvType.CV_8U, 255.0);
    return matte;
  }

  /**
   * Where the product and the background next to it differ clearly in colour, alpha is read from the colour itself:
   * the pixel's position between the local product and background colours. The guided filter alone leaves a faint
   * ring of partial alpha over pure background when the working-resolution mask sits a pixel too wide.
   */
  private static Mat unmixWhereColoursDiffer(Mat guided, Mat image, Mat hard, int radius) {
    int window = Math.max(4, 2 * radius);
    Mat inner = new Mat();
    Mat outer = new Mat();
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1));
    Imgproc.erode(hard, inner, kernel);
    Imgproc.dilate(hard, outer, kernel);
    Core.bitwise_not(outer, outer);
    Mat product = LocalColourMean.of(image, inner, window + radius, image);
    Mat background = LocalColourMean.of(image, outer, window + radius, image);

    Mat span = new Mat();
    Core.subtract(product, background, span);
    Mat offset = new Mat();
    Core.subtract(image, background, offset);
    Mat dot = channelSum(offset.mul(span));
    Mat norm = channelSum(span.mul(span));
    Mat projected = new Mat();
    Core.add(norm, new Scalar(1e-6), norm);
    Core.divide(dot, norm, projected);
    Core.min(projected, new Scalar(1), projected);
    Core.max(projected, new Scalar(0), projected);

    // trust the colour reading fully once product and background are 40/255 apart, not at all below 20/255
    Mat trust = new Mat();
    Core.sqrt(norm, trust);
    Core.subtract(trust, new Scalar(20 / 255.0), trust);
    Core.multiply(trust, new Scalar(255 / 20.0), trust);
    Core.min(trust, new Scalar(1), trust);
    Core.max(trust, new Scalar(0), trust);
    Mat distrust = new Mat();
    Core.subtract(new Mat(trust.size(), CvType.CV_32F, new Scalar(1)), trust, distrust);
    Mat out = new Mat();
    Core.add(projected.mul(trust), guided.mul(distrust), out);
    return out;
  }

  private static Mat channelSum(Mat threeChannel) {
    Mat out = new Mat();
    Core.transform(threeChannel, out, new org.opencv.core.MatOfFloat(1, 1, 1).reshape(1, 1));
    return out;
  }

  /** Pixels within {@code radius} of the mask's outline (CV_8UC1 255 inside the band). */
  static Mat outlineBand(Mat hard, int radius) {
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1));
    Mat dilated = new Mat();
    Mat eroded = new Mat();
    Imgproc.dilate(hard, dilated, kernel);
    Imgproc.erode(hard, eroded, kernel);
    Mat band = new Mat();
    Core.subtract(dilated, eroded, band);
    return band;
  }

  private static void snap(Mat alpha) {
    Mat low = new Mat();
    Core.compare(alpha, new Scalar(SNAP), low, Core.CMP_LE);
    alpha.setTo(new Scalar(0), low);
    Mat high = new Mat();
    Core.compare(alpha, new Scalar(1 - SNAP), high, Core.CMP_GE);
    alpha.setTo(new Scalar(1), high);
  }
}
