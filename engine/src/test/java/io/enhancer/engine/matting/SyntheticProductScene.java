package io.enhancer.engine.matting;

import io.enhancer.engine.CameraEffects;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A product photo with a known mask: a shaded mug with a printed label, a handle whose hole shows the background,
 * and a thin straw, on a chosen background; drawn at twice the size and reduced (antialiased edges), then JPEG
 * compressed like a real upload.
 *
 * @param bgr       the photo
 * @param truth     true product mask (255 product)
 * @param hole      the handle's see-through hole (255), which must come out as background
 * @param thinPart  the straw (255), which must be kept
 */
public record SyntheticProductScene(String name, Mat bgr, Mat truth, Mat hole, Mat thinPart) {

  public enum Backdrop { WHITE, GRADIENT, NEAR_WHITE_PRODUCT, COLOURED }

  public static final int WIDTH = 900;
  public static final int HEIGHT = 700;

  public static List<SyntheticProductScene> standardSet() {
    return List.of(
        render("plain_white", Backdrop.WHITE, new Scalar(170, 90, 30), false, 1),
        render("gradient", Backdrop.GRADIENT, new Scalar(40, 40, 190), false, 2),
        render("near_white_on_white", Backdrop.NEAR_WHITE_PRODUCT, new Scalar(232, 234, 236), false, 3),
        render("coloured", Backdrop.COLOURED, new Scalar(60, 170, 240), false, 4),
        render("touching_bottom", Backdrop.WHITE, new Scalar(60, 140, 60), true, 5));
  }

  public static SyntheticProductScene render(String name, Backdrop backdrop, Scalar productBgr, boolean touchBottom,
                                             long seed) {
    int w = 2 * WIDTH, h = 2 * HEIGHT;
    Mat image = background(backdrop, w, h);
    Mat mask = Mat.zeros(h, w, CvType.CV_8UC1);
    Mat hole = Mat.zeros(h, w, CvType.CV_8UC1);
    Mat straw = Mat.zeros(h, w, CvType.CV_8UC1);

    int shift = touchBottom ? (int) (0.22 * h) : 0;
    int left = (int) (0.30 * w), right = (int) (0.58 * w), top = (int) (0.28 * h) + shift, bottom = (int) (0.82 * h) + shift;
    // handle: ring on the right side; its inner ellipse is the hole
    Point handleCentre = new Point(right + 0.02 * w, (top + bottom) / 2.0);
    Imgproc.ellipse(mask, handleCentre, new Size(0.11 * w, 0.16 * h), 0, 0, 360, new Scalar(255), -1);
    Imgproc.ellipse(mask, handleCentre, new Size(0.07 * w, 0.10 * h), 0, 0, 360, new Scalar(0), -1);
    Imgproc.ellipse(hole, handleCentre, new Size(0.07 * w, 0.10 * h), 0, 0, 360, new Scalar(255), -1);
    Imgproc.rectangle(hole, new Point(0, 0), new Point(right + 1, h), new Scalar(0), -1);
    // body, rounded at the bottom
    Imgproc.rectangle(mask, new Point(left, top), new Point(right, bottom - 40), new Scalar(255), -1);
    Imgproc.ellipse(mask, new Point((left + right) / 2.0, bottom - 40), new Size((right - left) / 2.0, 40), 0, 0, 180,
        new Scalar(255), -1);
    // straw: 10 px at double size = 5 px in the photo
    int strawX = (int) (left + 0.3 * (right - left));
    Imgproc.rectangle(straw, new Point(strawX, top - 0.14 * h), new Point(strawX + 10, top), new Scalar(255), -1);
    Core.bitwise_or(mask, straw, mask);

    Mat product = shadedProduct(productBgr, w, h, left, right);
    drawLabel(product, left, right, top, bottom, productBgr);
    product.copyTo(image, mask);

    Mat photo = new Mat();
    Imgproc.resize(image, photo, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_AREA);
    CameraEffects.addNoise(photo, 2, new Random(seed));
    photo = CameraEffects.jpeg(photo, 90);
    return new SyntheticProductScene(name, photo, reduce(mask), reduce(hole), reduce(straw));
  }

  private static Mat background(Backdrop backdrop, int w, int h) {
    Mat bg = new Mat(h, w, CvType.CV_8UC3);
    switch (backdrop) {
      case WHITE, NEAR_WHITE_PRODUCT -> bg.setTo(new Scalar(255, 255, 255));
      case COLOURED -> bg.setTo(new Scalar(150, 120, 40));
      case GRADIENT -> {
        for (int y = 0; y < h; y++) {
          double t = y / (double) (h - 1);
          Imgproc.line(bg, new Point(0, y), new Point(w - 1, y),
              new Scalar(235 - 70 * t, 228 - 60 * t, 220 - 50 * t));
        }
      }
    }
    return bg;
  }

  /** Cylinder-like shading so the body is not one flat colour. */
  private static Mat shadedProduct(Scalar colour, int w, int h, int left, int right) {
    Mat product = new Mat(h, w, CvType.CV_8UC3);
    double centre = (left + right) / 2.0, half = (right - left) / 2.0;
    for (int x = 0; x < w; x++) {
      double u = Math.max(-1, Math.min(1, (x - centre) / half));
      double shade = 0.88 + 0.12 * Math.cos(u * Math.PI / 2);
      Imgproc.line(product, new Point(x, 0), new Point(x, h - 1),
          new Scalar(colour.val[0] * shade, colour.val[1] * shade, colour.val[2] * shade));
    }
    return product;
  }

  private static void drawLabel(Mat product, int left, int right, int top, int bottom, Scalar body) {
    int lx0 = left + 40, lx1 = right - 40, ly0 = top + (bottom - top) / 3, ly1 = ly0 + (bottom - top) / 4;
    boolean lightBody = body.val[0] + body.val[1] + body.val[2] > 600;
    Scalar labelColour = lightBody ? new Scalar(60, 30, 160) : new Scalar(225, 235, 240);
    Imgproc.rectangle(product, new Point(lx0, ly0), new Point(lx1, ly1), labelColour, -1);
    Scalar ink = lightBody ? new Scalar(240, 240, 240) : new Scalar(30, 30, 30);
    Imgproc.putText(product, "ACME 500ml", new Point(lx0 + 20, ly0 + (ly1 - ly0) * 0.6), Imgproc.FONT_HERSHEY_SIMPLEX,
        2.0, ink, 5);
  }

  private static Mat reduce(Mat mask) {
    Mat small = new Mat();
    Imgproc.resize(mask, small, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_AREA);
    Imgproc.threshold(small, small, 127, 255, Imgproc.THRESH_BINARY);
    return small;
  }
}
