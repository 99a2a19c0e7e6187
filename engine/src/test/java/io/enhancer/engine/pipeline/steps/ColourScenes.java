package io.enhancer.engine.pipeline.steps;

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
 * Product photos with known true colours, rendered deterministically: a shaded bottle with a white label carrying
 * black text, a red warning band and a blue logo, on a chosen backdrop. The truth is the ideal rendering; the upload
 * is the truth under a known degradation (a colour cast as linear-light channel gains, an exposure error as a
 * linear-light gain, or a tone curve), with light sensor noise and JPEG compression at quality 92.
 *
 * @param name        what the scene tests
 * @param truth       the ideal rendering (CV_8UC3)
 * @param upload      what was uploaded
 * @param productMask 255 on the product (where colour is measured)
 * @param labelMask   255 on the label
 * @param degraded    true when the upload differs from the truth by more than noise (a cast, exposure or gamma)
 */
public record ColourScenes(String name, Mat truth, Mat upload, Mat productMask, Mat labelMask, boolean degraded) {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 600;
  /** The ideal white backdrop: sRGB 243 (CIELAB L* 95.5). */
  static final Scalar WHITE = new Scalar(243, 243, 243);
  /** A white sweep lit a little dim, so a strong cast is not clipped away in the brightest channel. */
  static final Scalar DIM_WHITE = new Scalar(222, 222, 222);

  /** A degradation of the whole photo: per-channel linear gains (B, G, R), then a tone-curve exponent. */
  record Degradation(double gainB, double gainG, double gainR, double gamma) {
    static final Degradation NONE = new Degradation(1, 1, 1, 1);

    static Degradation cast(double b, double g, double r) {
      return new Degradation(b, g, r, 1);
    }

    static Degradation exposure(double k) {
      return new Degradation(k, k, k, 1);
    }

    static Degradation gamma(double g) {
      return new Degradation(1, 1, 1, g);
    }

    boolean none() {
      return gainB == 1 && gainG == 1 && gainR == 1 && gamma == 1;
    }
  }

  public static List<ColourScenes> standardSet() {
    Scalar blue = new Scalar(170, 90, 30), green = new Scalar(70, 150, 60), nearWhite = new Scalar(228, 231, 233);
    return List.of(
        render("neutral_white", WHITE, blue, Degradation.NONE, 1),
        render("neutral_near_white_product", WHITE, nearWhite, Degradation.NONE, 2),
        render("neutral_grey_backdrop", new Scalar(190, 190, 190), green, Degradation.NONE, 3),
        render("neutral_blue_backdrop", new Scalar(200, 140, 60), green, Degradation.NONE, 4),
        render("neutral_pale_blue_backdrop", new Scalar(243, 228, 215), green, Degradation.NONE, 5),
        render("neutral_orange_backdrop", new Scalar(60, 150, 235), blue, Degradation.NONE, 6),
        // pastel backdrops with the chroma of a strong lighting cast on white: the label's white paper tells them apart
        render("neutral_pastel_pink_backdrop", new Scalar(225, 205, 252), green, Degradation.NONE, 17),
        render("neutral_pastel_yellow_backdrop", new Scalar(190, 240, 250), blue, Degradation.NONE, 18),
        render("warm_cast", WHITE, blue, Degradation.cast(0.78, 0.95, 1.05), 7),
        render("cool_cast", WHITE, green, Degradation.cast(1.05, 0.96, 0.80), 8),
        render("green_cast", WHITE, blue, Degradation.cast(0.92, 1.05, 0.88), 9),
        render("magenta_cast", WHITE, green, Degradation.cast(1.04, 0.86, 1.03), 10),
        render("warm_cast_near_white_product", WHITE, nearWhite, Degradation.cast(0.80, 0.96, 1.05), 11),
        // tungsten-like (sRGB values x0.82 / x1.14, as the quality bench scenes): chroma ~24 on a dim white backdrop
        render("strong_warm_cast", DIM_WHITE, blue, Degradation.cast(0.62, 1.0, 1.34), 19),
        render("strong_warm_cast_near_white_product", DIM_WHITE, nearWhite, Degradation.cast(0.62, 1.0, 1.34), 20),
        render("underexposed", WHITE, blue, Degradation.exposure(0.55), 12),
        render("underexposed_cool_cast", WHITE, green, Degradation.cast(0.62, 0.55, 0.45), 13),
        render("gamma_darker", WHITE, blue, Degradation.gamma(1.6), 14),
        render("gamma_darker_warm", WHITE, green, new Degradation(0.75, 0.9, 1.0, 1.5), 15),
        render("gamma_lighter", WHITE, blue, Degradation.gamma(0.7), 16));
  }

  static ColourScenes render(String name, Scalar backdrop, Scalar productBgr, Degradation degradation, long seed) {
    int w = 2 * WIDTH, h = 2 * HEIGHT;
    Mat image = new Mat(h, w, CvType.CV_8UC3, backdrop);
    Mat product = Mat.zeros(h, w, CvType.CV_8UC1);
    Mat label = Mat.zeros(h, w, CvType.CV_8UC1);
    int left = (int) (0.34 * w), right = (int) (0.66 * w), top = (int) (0.18 * h), bottom = (int) (0.88 * h);
    Imgproc.rectangle(product, new Point(left, top + 60), new Point(right, bottom), new Scalar(255), -1);
    Imgproc.rectangle(product, new Point(left + 90, top), new Point(right - 90, top + 61), new Scalar(255), -1);
    double centre = (left + right) / 2.0, half = (right - left) / 2.0;
    Mat body = new Mat(h, w, CvType.CV_8UC3);
    for (int x = 0; x < w; x++) {
      double u = Math.max(-1, Math.min(1, (x - centre) / half));
      double shade = 0.80 + 0.20 * Math.cos(u * Math.PI / 2);
      Imgproc.line(body, new Point(x, 0), new Point(x, h - 1), new Scalar(productBgr.val[0] * shade,
          productBgr.val[1] * shade, productBgr.val[2] * shade));
    }
    body.copyTo(image, product);
    int lx0 = left + 30, lx1 = right - 30, ly0 = top + (int) (0.30 * (bottom - top)), ly1 = top + (int) (0.78 * (bottom - top));
    Imgproc.rectangle(label, new Point(lx0, ly0), new Point(lx1, ly1), new Scalar(255), -1);
    Imgproc.rectangle(image, new Point(lx0, ly0), new Point(lx1, ly1), new Scalar(236, 238, 240), -1);
    Imgproc.rectangle(image, new Point(lx0, ly1 - 70), new Point(lx1, ly1 - 20), new Scalar(40, 40, 200), -1);
    Imgproc.circle(image, new Point(lx0 + 60, ly0 + 60), 38, new Scalar(170, 80, 20), -1);
    Scalar ink = new Scalar(25, 25, 25);
    Imgproc.putText(image, "STERILE", new Point(lx0 + 120, ly0 + 80), Imgproc.FONT_HERSHEY_SIMPLEX, 1.8, ink, 4);
    Imgproc.putText(image, "10 x 10 cm", new Point(lx0 + 30, ly0 + 170), Imgproc.FONT_HERSHEY_SIMPLEX, 1.4, ink, 3);
    Imgproc.putText(image, "LOT 24A117", new Point(lx0 + 30, ly0 + 240), Imgproc.FONT_HERSHEY_SIMPLEX, 1.1, ink, 2);
    Imgproc.putText(image, "single use", new Point(lx0 + 40, ly1 - 32), Imgproc.FONT_HERSHEY_SIMPLEX, 1.0,
        new Scalar(245, 245, 245), 2);

    Mat truth = new Mat();
    Imgproc.resize(image, truth, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_AREA);
    Mat upload = degrade(truth, degradation);
    CameraEffects.addNoise(upload, 1.5, new Random(seed));
    upload = CameraEffects.jpeg(upload, 92);
    Mat productSmall = reduce(product), labelSmall = reduce(label);
    for (Mat m : new Mat[] {image, product, label, body}) m.release();
    return new ColourScenes(name, truth, upload, productSmall, labelSmall, !degradation.none());
  }

  /** Linear-light gains per channel, then a tone-curve exponent on the encoded values (1 = none). */
  static Mat degrade(Mat truth, Degradation d) {
    Mat lut = new Mat(1, 256, CvType.CV_8UC3);
    byte[] table = new byte[256 * 3];
    double[] gains = {d.gainB(), d.gainG(), d.gainR()};
    for (int v = 0; v < 256; v++) {
      for (int c = 0; c < 3; c++) {
        double encoded = SrgbCurve.toEncoded(SrgbCurve.toLinear(v) * gains[c]);
        table[v * 3 + c] = (byte) Math.round(255 * Math.pow(encoded, d.gamma()));
      }
    }
    lut.put(0, 0, table);
    Mat out = new Mat();
    Core.LUT(truth, lut, out);
    lut.release();
    return out;
  }

  private static Mat reduce(Mat mask) {
    Mat small = new Mat();
    Imgproc.resize(mask, small, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_AREA);
    Imgproc.threshold(small, small, 250, 255, Imgproc.THRESH_BINARY);
    return small;
  }
}
