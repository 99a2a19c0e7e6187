package io.enhancer.engine.matting;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** A soft elliptical shadow where the product meets the floor, so a cut-out does not look pasted on. */
public final class ContactShadow {
  private static final double OPACITY = 0.3;

  /** Darkening strength per pixel, CV_32F 0..OPACITY; zero when the matte holds no product. */
  public Mat strength(Mat matte) {
    Mat strength = Mat.zeros(matte.size(), CvType.CV_32F);
    Mat hard = new Mat();
    Imgproc.threshold(matte, hard, 127, 255, Imgproc.THRESH_BINARY);
    MatOfPoint points = new MatOfPoint();
    Core.findNonZero(hard, points);
    if (points.empty()) return strength;
    Rect box = Imgproc.boundingRect(points);
    Point centre = new Point(box.x + box.width / 2.0, box.y + box.height - 0.01 * box.height);
    Size axes = new Size(0.48 * box.width, Math.max(2, 0.04 * box.height));
    Imgproc.ellipse(strength, centre, axes, 0, 0, 360, new Scalar(OPACITY), -1);
    double sigma = Math.max(2, 0.03 * box.height);
    Imgproc.GaussianBlur(strength, strength, new Size(0, 0), sigma);
    return strength;
  }
}
