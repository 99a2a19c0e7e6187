package io.enhancer.engine.matting;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * How convex a cut-out's outline is: product area over the area of its convex hull (per region, specks ignored).
 * Boxes, bottles, tubes and pouches score 0.93-1.0; a product with background objects fused to it scores far lower
 * (quality bench: a pouch with three clutter shapes attached 0.745, eBay 00000028 with shelf parts 0.745), so a low
 * figure is a reason for a reviewer to look. Natural objects (plants, animals) score low too: it says "irregular",
 * not "wrong".
 */
public final class OutlineSolidity {
  /** Below this a catalogue cut-out is sent to review (products measured >= 0.89 on eBay, >= 0.93 on our scenes). */
  public static final double MIN_PRODUCT_SOLIDITY = 0.8;
  /** Measured at this long side: the outline's shape, not its pixel noise. */
  private static final int WORKING_SIDE = 320;
  private static final double SPECK_SHARE = 0.002;

  private OutlineSolidity() {}

  /** @param matte CV_8UC1, 255 = product; returns 1 for an empty matte (nothing irregular to report) */
  public static double of(Mat matte) {
    double f = Math.min(1, WORKING_SIDE / (double) Math.max(matte.cols(), matte.rows()));
    Mat small = new Mat();
    Imgproc.resize(matte, small, new Size(Math.max(1, Math.round(matte.cols() * f)),
        Math.max(1, Math.round(matte.rows() * f))), 0, 0, Imgproc.INTER_AREA);
    Imgproc.threshold(small, small, 127, 255, Imgproc.THRESH_BINARY);
    List<MatOfPoint> contours = new ArrayList<>();
    Mat hierarchy = new Mat();
    Imgproc.findContours(small, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
    double area = 0;
    double hullArea = 0;
    double speck = SPECK_SHARE * small.total();
    for (MatOfPoint contour : contours) {
      double a = Imgproc.contourArea(contour);
      if (a >= speck) {
        area += a;
        hullArea += Imgproc.contourArea(hull(contour));
      }
      contour.release();
    }
    small.release();
    hierarchy.release();
    return hullArea == 0 ? 1 : Math.min(1, area / hullArea);
  }

  private static MatOfPoint hull(MatOfPoint contour) {
    MatOfInt indices = new MatOfInt();
    Imgproc.convexHull(contour, indices);
    Point[] points = contour.toArray();
    int[] index = indices.toArray();
    Point[] hull = new Point[index.length];
    for (int i = 0; i < index.length; i++) hull[i] = points[index[i]];
    indices.release();
    return new MatOfPoint(hull);
  }
}
