package io.enhancer.engine.pipeline.steps;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * How steep edges are relative to their contrast: at the centre of every edge with real contrast, the gradient
 * (central difference) divided by the brightness range around it. A hard step scores 0.5, a Gaussian blur of sigma
 * s about 0.4/s; unlike the Laplacian variance it does not grow with the amount of texture or contrast.
 */
final class EdgeAcutance {
  /** Edges with less range than this (0..255) are texture or noise, not outlines. */
  static final double MIN_EDGE_RANGE = 24;
  /** Gradient (levels per pixel) an edge centre needs, as a share of the smallest edge range. */
  private static final double MIN_CENTRE_RATIO = 0.1;
  /** Window for the edge's range: wide enough to span an edge blurred by a 4x upscale. */
  private static final Size RANGE_WINDOW = new Size(9, 9);

  private EdgeAcutance() {}

  /** Mean acutance over edge centres of a CV_32FC1 luminance (0..255); 0.5 when there is no edge at all. */
  static double of(Mat luma) {
    Mat gx = new Mat();
    Mat gy = new Mat();
    Imgproc.Sobel(luma, gx, CvType.CV_32F, 1, 0, 1, 0.5); // ksize 1 is [-1 0 1]; halved = central difference
    Imgproc.Sobel(luma, gy, CvType.CV_32F, 0, 1, 1, 0.5);
    Mat gradient = new Mat();
    Core.magnitude(gx, gy, gradient);
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, RANGE_WINDOW);
    Mat hi = new Mat();
    Mat lo = new Mat();
    Imgproc.dilate(luma, hi, kernel);
    Imgproc.erode(luma, lo, kernel);
    Mat range = new Mat();
    Core.subtract(hi, lo, range);
    Mat localMaxGradient = new Mat();
    Imgproc.dilate(gradient, localMaxGradient, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));

    Mat isCentre = new Mat();
    Core.compare(gradient, localMaxGradient, isCentre, Core.CMP_GE);
    // a plateau inside an edge is a local maximum of a zero gradient, not an edge centre
    Mat steepEnough = new Mat();
    Core.compare(gradient, Scalar.all(MIN_EDGE_RANGE * MIN_CENTRE_RATIO), steepEnough, Core.CMP_GE);
    Core.bitwise_and(isCentre, steepEnough, isCentre);
    Mat hasContrast = new Mat();
    Core.compare(range, Scalar.all(MIN_EDGE_RANGE), hasContrast, Core.CMP_GE);
    Mat mask = new Mat();
    Core.bitwise_and(isCentre, hasContrast, mask);
    if (Core.countNonZero(mask) == 0) return 0.5;
    Mat ratio = new Mat();
    Core.divide(gradient, range, ratio);
    double mean = Core.mean(ratio, mask).val[0];
    for (Mat m : new Mat[] {gx, gy, gradient, hi, lo, range, localMaxGradient, isCentre, steepEnough, hasContrast, mask, ratio}) {
      m.release();
    }
    return mean;
  }
}
